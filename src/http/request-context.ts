export * from './kit/request-context.js';
