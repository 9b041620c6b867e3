export * from './kit/openapi.js';
