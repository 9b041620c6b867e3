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

test('concurrent requests of one account share commits, yet a failing one rolls back alone and consumes no number', async () => {
  const series = await t.call('POST', '/v1/series', { code: 'GRP' });
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      t.call('POST', '/v1/documents', {
        type: 'FT',
        seriesId: series.body.id,
        finalize: true,
        customer: { code: `G${i}`, name: `Cliente ${i}` },
        lines: [{ description: `L${i}`, quantity: '1', unitPrice: '10', taxName: i % 5 === 4 ? 'IVA0' : 'IVA23' }],
      }),
    ),
  );
  const ok = results.filter((r) => r.status === 201);
  const bad = results.filter((r) => r.status !== 201);
  assert.equal(ok.length, 32);
  assert.ok(bad.every((r) => r.status === 422 && r.body.error.code === 'exemption_required'));
  assert.deepEqual(
    ok.map((r) => r.body.sequence).sort((a, b) => a - b),
    Array.from({ length: 32 }, (_, i) => i + 1),
  );
  const contacts = await t.call('GET', '/v1/contacts?q=Cliente&perPage=200');
  assert.equal(contacts.body.pagination.total, 32, 'the failed requests created no contact');
});
