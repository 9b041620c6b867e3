import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { billitAccounts, type BillitClient } from './billit-app.js';

// Billit's 429 (#17) on PGlite and PostgreSQL: past BILLIT_RATE_LIMIT_PER_MINUTE a key gets 429 in Billit's error
// envelope with Retry-After; another account's key keeps its own budget.
let t: TestApp;
let billit: BillitClient;
let other: BillitClient;

before(async () => {
  t = await startTestApp({ dialects: { billit: { rateLimitPerMinute: 3 } } });
  ({ billit, other } = await billitAccounts(t, 'billit-rate'));
});
after(async () => {
  await t?.close();
});

test("past the limit: 429 in Billit's envelope with Retry-After, per key", async () => {
  for (let i = 0; i < 3; i++) assert.equal((await billit('GET', '/billit/v1/account/accountInformation')).status, 200);
  const r = await billit('GET', '/billit/v1/account/accountInformation');
  assert.equal(r.status, 429, r.text);
  assert.equal(r.json().errors[0].Code, 'TooManyRequests');
  assert.ok(Number(r.headers['retry-after']) >= 1, `Retry-After: ${r.headers['retry-after']}`);
  assert.equal((await other('GET', '/billit/v1/account/accountInformation')).status, 200);
});
