import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, loadConfig } from '../config.js';
import { openapiOptions } from './openapi.js';

test('the 429 example names the limit a key gets by default', () => {
  const responses = openapiOptions('https://faturas.example.pt').openapi!.components!.responses as Record<string, any>;
  const message: string = responses.RateLimited.content['application/json'].example.error.message;
  assert.equal(loadConfig({}).rateLimitPerMinute, DEFAULT_RATE_LIMIT_PER_MINUTE);
  assert.equal(
    message,
    `Rate limit of ${loadConfig({}).rateLimitPerMinute} requests per 1 minute exceeded; retry later.`,
  );
});
