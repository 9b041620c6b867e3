import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { CUSTOMER, INVOICE, create, downloadPdf, line } from './fixtures.js';
import { pdfPages } from './pdf-text.js';
import { loadPdfSource } from '../../src/app/pdf/load-pdf-source.js';
import { buildPdfModel } from '../../src/render/pdf/model.js';
import { renderDocumentPdf } from '../../src/render/pdf/render-document.js';
import { getDocumentPdf, renderDocumentCopy } from '../../src/render/pdf/document-pdf.js';
import { takePrint } from '../../src/app/pdf/record-print.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const printed = async (id: number) => (await t.call('GET', `/v1/documents/${id}`)).body.printedCount;

describe('original and copies', () => {
  test('the first download is the Original, later ones Duplicado; every print is counted', async () => {
    const ft = await create(t, INVOICE);
    assert.equal(await printed(ft.id), 0);
    const first = await downloadPdf(t, ft.id);
    assert.equal(first.headers['x-document-copy'], 'original');
    assert.equal(first.headers['x-printed-count'], '1');
    const p1 = (await pdfPages(first.bytes))[0];
    assert.ok(p1.includes('Original') && !p1.includes('Duplicado'));
    assert.equal(await printed(ft.id), 1);
    const second = await downloadPdf(t, ft.id);
    assert.equal(second.headers['x-document-copy'], 'duplicate');
    const p2 = (await pdfPages(second.bytes))[0];
    assert.ok(p2.includes('Duplicado') && !p2.includes('Original'));
    assert.equal(await printed(ft.id), 2);
    assert.match(String(first.headers['content-disposition']), /^inline; filename="FT A\d{4}-\d+\.pdf"/);
    assert.equal(first.headers['cache-control'], 'private, no-store');
  });

  test('an explicit original after the first print is a "2.ª via": a re-print never passes for the original (D8632 §2.2.15)', async () => {
    const ft = await create(t, { type: 'FT', customer: CUSTOMER, lines: [line('A', '1', '10', { taxName: 'IVA23' })] });
    const asked = await downloadPdf(t, ft.id, '?copy=original');
    assert.equal(asked.headers['x-document-copy'], 'original');
    const again = await downloadPdf(t, ft.id, '?copy=original');
    assert.equal(again.headers['x-document-copy'], 'reprint');
    assert.ok((await pdfPages(again.bytes))[0].includes('2.ª via'));
    const dup = await downloadPdf(t, ft.id, '?copy=duplicate');
    assert.ok((await pdfPages(dup.bytes))[0].includes('Duplicado'));
    const second = await downloadPdf(t, ft.id, '?copy=second');
    assert.equal(second.headers['x-document-copy'], 'reprint');
    assert.equal(await printed(ft.id), 4);
    const bad = await downloadPdf(t, ft.id, '?copy=photocopy');
    assert.equal(bad.status, 422);
    assert.equal(await printed(ft.id), 4, 'a refused request prints nothing');
  });

  test('an explicit duplicate on the first print uses up the original', async () => {
    const ft = await create(t, { type: 'FT', customer: CUSTOMER, lines: [line('A', '1', '10', { taxName: 'IVA23' })] });
    assert.equal((await downloadPdf(t, ft.id, '?copy=duplicate')).headers['x-document-copy'], 'duplicate');
    assert.equal((await downloadPdf(t, ft.id)).headers['x-document-copy'], 'duplicate');
  });

  test('simultaneous downloads: exactly one Original', async () => {
    const ft = await create(t, { type: 'FT', customer: CUSTOMER, lines: [line('A', '1', '10', { taxName: 'IVA23' })] });
    const all = await Promise.all(Array.from({ length: 6 }, () => downloadPdf(t, ft.id)));
    assert.deepEqual(
      all.map((r) => r.status),
      [200, 200, 200, 200, 200, 200],
    );
    assert.equal(all.filter((r) => r.headers['x-document-copy'] === 'original').length, 1);
    assert.deepEqual(
      all.map((r) => Number(r.headers['x-printed-count'])).sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6],
    );
  });
});

describe('deliveries counted ahead (e-mail)', () => {
  test('takePrint counts and decides; renderDocumentCopy gives the same bytes at every retry and counts nothing', async () => {
    const ft = await create(t, { type: 'FT', customer: CUSTOMER, lines: [line('A', '1', '10', { taxName: 'IVA23' })] });
    const db = t.db.database.db;
    const taken = await db.transaction().execute((tx) => takePrint(tx, t.account.accountId, ft.id));
    assert.deepEqual(taken, { copy: 'original', printedCount: 1 });
    const a = await renderDocumentCopy(db, t.account.accountId, ft.id, taken.copy);
    const b = await renderDocumentCopy(db, t.account.accountId, ft.id, taken.copy);
    assert.ok(a.bytes.equals(b.bytes));
    assert.equal(a.copyText, 'Original');
    assert.equal(await printed(ft.id), 1);
    assert.equal((await downloadPdf(t, ft.id)).headers['x-document-copy'], 'duplicate', 'the e-mail had the original');
  });
});

describe('deterministic rendering', () => {
  test('same input, same bytes; copies differ only by the appended mark', async () => {
    const ft = await create(t, INVOICE);
    const model = buildPdfModel(await loadPdfSource(t.db.database.db, t.account.accountId, ft.id));
    const a = await renderDocumentPdf({ model });
    const b = await renderDocumentPdf({ model });
    const fresh = await renderDocumentPdf({ model, fontCaches: false });
    assert.ok(a.equals(b), 'two renders are identical');
    assert.ok(a.equals(fresh), 'the per-process font caches change nothing');
    const original = await t.db.database.db
      .transaction()
      .execute((tx) => getDocumentPdf(tx, t.account.accountId, ft.id));
    const duplicate = await t.db.database.db
      .transaction()
      .execute((tx) => getDocumentPdf(tx, t.account.accountId, ft.id));
    assert.ok(original.bytes.subarray(0, a.length).equals(a), 'the original is the render plus its mark');
    assert.ok(duplicate.bytes.subarray(0, a.length).equals(a), 'so is the duplicate');
    assert.ok(!original.bytes.equals(duplicate.bytes));
    const cached = await t.db.database.db
      .selectFrom('document_files')
      .select('bytes')
      .where('document_id', '=', ft.id)
      .executeTakeFirstOrThrow();
    assert.ok(Buffer.from(cached.bytes).equals(a), 'the cache holds the unmarked render');
  });
});
