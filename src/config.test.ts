import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from './config.js';

test('the native API allows 780 requests per minute per key by default (InvoiceXpress’s figure), RATE_LIMIT_PER_MINUTE otherwise', () => {
  assert.equal(loadConfig({}).rateLimitPerMinute, 780);
  assert.equal(loadConfig({ RATE_LIMIT_PER_MINUTE: '1200' }).rateLimitPerMinute, 1200);
});

test('each PostgreSQL connection prepares up to 128 statements by default; DB_PREPARED_STATEMENTS=0 prepares none', () => {
  assert.equal(loadConfig({}).dbPreparedStatements, 128);
  assert.equal(loadConfig({ DB_PREPARED_STATEMENTS: '0' }).dbPreparedStatements, 0);
  assert.throws(() => loadConfig({ DB_PREPARED_STATEMENTS: 'yes' }), /DB_PREPARED_STATEMENTS/);
});
