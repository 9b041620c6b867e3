import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.js';
import type { TestApp } from '../support/app.js';
import { billptClient, startBillptApp, type BillptClient } from './client.js';
import { codes } from './fixtures.js';

let t: TestApp;
let bp: BillptClient;
before(async () => {
  ({ t, bp } = await startBillptApp({ dialects: { billpt: { rateLimitPerMinute: 3 } } }));
});
after(async () => {
  await t?.close();
});

test('100 requests per minute per token by default, BILLPT_RATE_LIMIT_PER_MINUTE otherwise', () => {
  assert.equal(loadConfig({}).dialects.billpt.rateLimitPerMinute, 100);
  assert.equal(loadConfig({ BILLPT_RATE_LIMIT_PER_MINUTE: '250' }).dialects.billpt.rateLimitPerMinute, 250);
});

test('X-RateLimit-Limit and X-RateLimit-Remaining on every answer, 429 past the limit, counted per token', async () => {
  // The token travels in the body here: the limit is keyed after the body is read.
  const seen: [number, string, string][] = [];
  for (let i = 0; i < 4; i++) {
    const r = await bp.call('GET', 'tipos-documento');
    seen.push([r.status, String(r.headers['x-ratelimit-limit']), String(r.headers['x-ratelimit-remaining'])]);
  }
  assert.deepEqual(seen, [
    [200, '3', '2'],
    [200, '3', '1'],
    [200, '3', '0'],
    [429, '3', '0'],
  ]);
  const over = await bp.call('GET', 'tipos-documento', {}, { via: 'query' });
  assert.equal(over.status, 429, 'the same token in the query string counts against the same limit');
  assert.deepEqual(codes(over), ['429']);
  assert.ok(Number(over.headers['retry-after']) > 0);

  const key = await t.call('POST', '/v1/api-keys', { name: 'outro' });
  const other = billptClient(t, key.body.key);
  const fresh = await other.call('GET', 'tipos-documento');
  assert.equal(fresh.status, 200, 'another token has its own budget');
  assert.equal(fresh.headers['x-ratelimit-remaining'], '2');
  assert.equal((await t.call('GET', '/v1/documents')).status, 200, 'the native API keeps its own limit');
});
