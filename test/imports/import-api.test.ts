import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { invoiceCsv, upload } from './support.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const bad = new Map([
  [5, 'D2,FT,123456789,Cliente Import,,Serviço 2,abc,12.50,,23'],
  [40, 'D20,,,,NOPE-1,,2,3.25,,23'],
  [101, 'D50,,,,,Extra 50,2,3.25,,17'],
]);

test('a 200-row file with 3 bad rows: every error at its row and column, nothing issued; fixed: all issued', async () => {
  const broken = await upload(t, { name: 'bad.csv', bytes: invoiceCsv(100, bad) });
  assert.equal(broken.status, 422, JSON.stringify(broken.body));
  const fields = broken.body.error.details.map((d: { field: string }) => d.field);
  assert.deepEqual(fields, ['rows[5].quantity', 'rows[40].itemCode', 'rows[101].taxRate'], JSON.stringify(broken.body));
  const none = await t.call('GET', '/v1/documents');
  assert.equal(none.body.pagination.total, 0);

  const good = invoiceCsv(100);
  const preview = await upload(t, { name: 'good.csv', bytes: good }, { dryRun: 'true' });
  assert.equal(preview.body.errors.length, 0);
  const totals = new Map(preview.body.documents.map((d: { key: string; grossTotal: string }) => [d.key, d.grossTotal]));

  const created = await upload(t, { name: 'good.csv', bytes: good });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.documents, 100);
  await t.worker.drain();
  const done = await t.call('GET', `/v1/imports/${created.body.id}`);
  assert.equal(done.body.status, 'done', JSON.stringify(done.body));
  assert.equal(done.body.issued, 100);
  assert.equal(done.body.pending, 0);

  const report = await t.app.inject({
    method: 'GET',
    url: `/v1/imports/${created.body.id}/report?format=csv`,
    headers: { authorization: `Bearer ${t.account.apiKey}` },
  });
  assert.equal(report.statusCode, 200);
  const rows = report.body
    .trim()
    .split('\r\n')
    .slice(1)
    .map((r) => r.split(','));
  assert.equal(rows.length, 100);
  const numbers = rows.map((r) => Number(r[3].split('/').pop())).sort((a, b) => a - b);
  assert.deepEqual(
    numbers,
    Array.from({ length: 100 }, (_, i) => i + 1),
    'gapless',
  );
  for (const r of rows) {
    assert.equal(r[2], 'issued');
    assert.equal(r[5], totals.get(r[0]), `total of ${r[0]}`);
    assert.ok(r[4], 'ATCUD');
  }

  // The same file again: the same import, nothing issued twice.
  const again = await upload(t, { name: 'again.csv', bytes: good });
  assert.equal(again.status, 200);
  assert.equal(again.body.id, created.body.id);
  assert.equal(again.body.existing, true);
  await t.worker.drain();
  const all = await t.call('GET', '/v1/documents?perPage=1');
  assert.equal(all.body.pagination.total, 100);
});
