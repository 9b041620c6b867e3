import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
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

// #15: rendering every document at finalize was 88 % of the default setup's CPU; a PDF now renders on first request.
test('finalize and cancel enqueue no render; the first download renders and caches; cancel re-renders on demand', async () => {
  const draft = await t.call('POST', '/v1/documents', {
    type: 'FT',
    customer: CUSTOMER,
    lines: [line('Serviço', '1', '50', { taxName: 'IVA23' })],
  });
  await t.call('POST', `/v1/documents/${draft.body.id}/finalize`);
  assert.deepEqual(await pdfJobs(draft.body.id), [], 'finalize enqueues no render');
  assert.equal(await cached(draft.body.id), undefined, 'nothing rendered at finalize');

  const download = await downloadPdf(t, draft.body.id);
  assert.equal(download.status, 200);
  const first = await cached(draft.body.id);
  assert.ok(first, 'the first download cached the render');
  assert.equal(Buffer.from(first.bytes).subarray(0, 5).toString(), '%PDF-');
  assert.ok(
    download.bytes.subarray(0, first.bytes.length).equals(Buffer.from(first.bytes)),
    'the download is the cached render plus its mark',
  );
  assert.equal((await t.call('GET', `/v1/documents/${draft.body.id}`)).body.printedCount, 1);

  await t.call('POST', `/v1/documents/${draft.body.id}/cancel`, { reason: 'Teste' });
  assert.deepEqual(await pdfJobs(draft.body.id), [], 'cancel enqueues no render');
  assert.equal((await cached(draft.body.id))!.source_hash, first.source_hash, 'not re-rendered yet');
  assert.equal((await downloadPdf(t, draft.body.id)).status, 200);
  const second = await cached(draft.body.id);
  assert.notEqual(second!.source_hash, first.source_hash, 'the cancelled document is a new render');
});

test('a render job left in the outbox (by an older version, or a dialect) still renders and caches', async () => {
  const ft = await create(t, { type: 'FT', customer: CUSTOMER, lines: [line('A', '1', '10', { taxName: 'IVA23' })] });
  await t.db.database.db
    .insertInto('jobs')
    .values({ account_id: t.account.accountId, kind: 'pdf.render', payload: JSON.stringify({ documentId: ft.id }) })
    .execute();
  await t.worker.drain();
  assert.deepEqual(
    (await pdfJobs(ft.id)).map((j) => j.state),
    ['done'],
  );
  assert.ok(await cached(ft.id));
  assert.equal((await t.call('GET', `/v1/documents/${ft.id}`)).body.printedCount, 0, 'rendering is not printing');
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

test('simultaneous first downloads all succeed, one Original, every print counted, one cached file', async () => {
  const ft = await create(t, { type: 'FT', customer: CUSTOMER, lines: [line('B', '2', '10', { taxName: 'IVA23' })] });
  const downloads = await Promise.all(Array.from({ length: 4 }, () => downloadPdf(t, ft.id)));
  assert.deepEqual(
    downloads.map((d) => d.status),
    [200, 200, 200, 200],
  );
  assert.deepEqual(downloads.map((d) => d.headers['x-document-copy']).sort(), [
    'duplicate',
    'duplicate',
    'duplicate',
    'original',
  ]);
  assert.equal((await t.call('GET', `/v1/documents/${ft.id}`)).body.printedCount, 4);
  const files = await t.db.database.db
    .selectFrom('document_files')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('document_id', '=', ft.id)
    .executeTakeFirstOrThrow();
  assert.equal(Number(files.n), 1);
});

test('cached PDFs are stored without a second compression (STORAGE EXTERNAL, migration 0015)', async () => {
  const { rows } = await sql<{ attstorage: string }>`
    SELECT attstorage FROM pg_attribute WHERE attrelid = 'document_files'::regclass AND attname = 'bytes'`.execute(
    t.db.database.db,
  );
  assert.equal(rows[0]?.attstorage, 'e');
});
