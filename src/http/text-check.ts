export * from './kit/text-check.js';
