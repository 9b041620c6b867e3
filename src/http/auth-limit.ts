export * from './kit/auth-limit.js';
