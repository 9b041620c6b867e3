import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const body = (price = '10') => ({
  type: 'FT',
  finalize: true,
  lines: [{ description: 'Idem', quantity: '1', unitPrice: price, taxName: 'IVA23' }],
});
const count = async () =>
  Number(
    (
      await t.db.database.db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('same key and same body return the original response; a different body is refused', async () => {
  const headers = { 'idempotency-key': 'order-1001' };
  const a = await t.call('POST', '/v1/documents', body(), { headers });
  assert.equal(a.status, 201);
  const before = await count();
  const b = await t.call('POST', '/v1/documents', body(), { headers });
  assert.equal(b.status, 201);
  assert.equal(b.headers['idempotent-replayed'], 'true');
  assert.deepEqual(b.body, a.body);
  assert.equal(await count(), before);
  const c = await t.call('POST', '/v1/documents', body('11'), { headers });
  assert.equal(c.status, 422);
  assert.equal(c.body.error.code, 'idempotency_mismatch');
});

test('a failed request keeps nothing, so it can be retried with the same key', async () => {
  const headers = { 'idempotency-key': 'order-1002' };
  const bad = await t.call(
    'POST',
    '/v1/documents',
    { type: 'FT', lines: [{ description: 'x', quantity: '1', unitPrice: '1', taxName: 'IVA0' }] },
    { headers },
  );
  assert.equal(bad.status, 422);
  const good = await t.call('POST', '/v1/documents', body(), { headers });
  assert.equal(good.status, 201);
});

test('a burst of concurrent duplicates yields exactly one document', async () => {
  const before = await count();
  const headers = { 'idempotency-key': 'burst-1' };
  const results = await Promise.all(
    Array.from({ length: 25 }, () => t.call('POST', '/v1/documents', body('7'), { headers })),
  );
  const statuses = results.map((r) => r.status);
  assert.ok(
    statuses.every((s) => s === 201 || s === 409),
    statuses.join(','),
  );
  assert.ok(statuses.includes(201));
  for (const r of results.filter((x) => x.status === 409)) assert.equal(r.body.error.code, 'idempotency_in_flight');
  assert.equal(await count(), before + 1);
  const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id));
  assert.equal(ids.size, 1);
  const retry = await t.call('POST', '/v1/documents', body('7'), { headers });
  assert.equal(retry.body.id, [...ids][0]);
});

test('keys are per account', async () => {
  const other = await t.newAccount();
  const headers = { 'idempotency-key': 'shared-key' };
  const a = await t.call('POST', '/v1/documents', body(), { headers });
  const b = await t.call('POST', '/v1/documents', body(), { headers, key: other.apiKey });
  assert.equal(a.status, 201);
  assert.equal(b.status, 201);
  assert.notEqual(a.body.id, b.body.id);
});
