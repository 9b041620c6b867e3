export * from './kit/pdf-response.js';
