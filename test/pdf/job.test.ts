import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { CUSTOMER, create, downloadPdf, line } from './fixtures.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const cached = (id: number) =>
  t.db.database.db
    .selectFrom('document_files')
    .select(['source_hash', 'bytes'])
    .where('account_id', '=', t.account.accountId)
    .where('document_id', '=', id)
    .executeTakeFirst();
const pdfJobs = (id: number) =>
  t.db.database.db
    .selectFrom('jobs')
    .select(['state', 'payload'])
    .where('kind', '=', 'pdf.render')
    .where('account_id', '=', t.account.accountId)
    .execute()
    .then((rows) => rows.filter((r) => (r.payload as { documentId: number }).documentId === id));

test('finalize enqueues the render in its transaction; the worker caches the PDF; cancel renders again', async () => {
  const draft = await t.call('POST', '/v1/documents', {
    type: 'FT',
    customer: CUSTOMER,
    lines: [line('Serviço', '1', '50', { taxName: 'IVA23' })],
  });
  assert.equal((await pdfJobs(draft.body.id)).length, 0, 'nothing for a draft');
  await t.call('POST', `/v1/documents/${draft.body.id}/finalize`);
  assert.deepEqual(
    (await pdfJobs(draft.body.id)).map((j) => j.state),
    ['pending'],
  );
  assert.equal(await cached(draft.body.id), undefined);
  await t.worker.drain();
  const first = await cached(draft.body.id);
  assert.ok(first, 'the PDF is cached');
  assert.equal(Buffer.from(first.bytes).subarray(0, 5).toString(), '%PDF-');
  assert.deepEqual(
    (await pdfJobs(draft.body.id)).map((j) => j.state),
    ['done'],
  );
  const printedBefore = (await t.call('GET', `/v1/documents/${draft.body.id}`)).body.printedCount;
  assert.equal(printedBefore, 0, 'rendering is not printing');

  const download = await downloadPdf(t, draft.body.id);
  assert.ok(
    download.bytes.subarray(0, first.bytes.length).equals(Buffer.from(first.bytes)),
    'the download is the cached render plus its mark',
  );

  await t.call('POST', `/v1/documents/${draft.body.id}/cancel`, { reason: 'Teste' });
  assert.equal((await pdfJobs(draft.body.id)).filter((j) => j.state === 'pending').length, 1);
  await t.worker.drain();
  const second = await cached(draft.body.id);
  assert.notEqual(second!.source_hash, first.source_hash, 'the cancelled document is a new render');
});

test('a job for a document that is gone stops for good', async () => {
  await t.db.database.db
    .insertInto('jobs')
    .values({ account_id: t.account.accountId, kind: 'pdf.render', payload: JSON.stringify({ documentId: 99999999 }) })
    .execute();
  await t.worker.drain();
  const dead = await t.db.database.db
    .selectFrom('jobs')
    .select(['state', 'attempts'])
    .where('kind', '=', 'pdf.render')
    .where('state', '=', 'dead')
    .execute();
  assert.equal(dead.length, 1);
  assert.equal(dead[0].attempts, 1);
});

test('documents created and finalized in one call get their PDF too, and so do receipts', async () => {
  const ft = await create(t, { type: 'FT', customer: CUSTOMER, lines: [line('A', '1', '10', { taxName: 'IVA23' })] });
  const rg = await create(t, { documents: [{ documentId: ft.id }] }, '/v1/receipts');
  await t.worker.drain();
  assert.ok(await cached(ft.id));
  assert.ok(await cached(rg.id));
});
