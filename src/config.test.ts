import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from './config.js';

test('the native API allows 780 requests per minute per key by default (InvoiceXpress’s figure), RATE_LIMIT_PER_MINUTE otherwise', () => {
  assert.equal(loadConfig({}).rateLimitPerMinute, 780);
  assert.equal(loadConfig({ RATE_LIMIT_PER_MINUTE: '1200' }).rateLimitPerMinute, 1200);
});
