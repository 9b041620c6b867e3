import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SaftExportStats } from '../../src/exports/saft/export-saft.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { bulkTemplate, cloneDocuments } from './bulk-documents.js';
import { create, exportThrough, parseSaft } from './saft-helpers.js';
import { StatementLog } from './statement-log.js';

/**
 * The product master data of an export is read once per page of product codes, not once per batch of documents:
 * exporting 600 documents (3 batches) reads products with as many statements as exporting 50 (1 batch) with the
 * same codes. (It used to look the batch's codes up again for every batch, over every line of the account.)
 */

/** A statement that reads product master data: the item catalog, or lines looked up by their code. */
const readsProducts = (s: string) => /"items"/.test(s) || /\bcode"?\s+(=|in)\s/i.test(s);

let t: TestApp;
const CATALOG = 5;

interface Run {
  stats: SaftExportStats;
  statements: string[];
  xml: string;
}

async function exportMonth(month: string, productCache?: number, batchSize = 250): Promise<Run> {
  const log = new StatementLog();
  const run = await exportThrough(t, log, {
    period: { from: `${month}-01`, to: `${month}-28` },
    now: new Date('2026-05-02T10:00:00Z'),
    batchSize,
    productCache,
  });
  return { ...run, statements: log.statements };
}

let small: Run;
let large: Run;

before(async () => {
  t = await startTestApp();
  const template = await bulkTemplate((url, body) => create(t, url, body));
  const db = t.db.database.db;
  await cloneDocuments(db, t.account.accountId, template.id, {
    month: '2026-03',
    count: 50,
    firstNumber: 2,
    codes: CATALOG,
  });
  await cloneDocuments(db, t.account.accountId, template.id, {
    month: '2026-04',
    count: 600,
    firstNumber: 52,
    codes: CATALOG,
  });
  await cloneDocuments(db, t.account.accountId, template.id, {
    month: '2026-05',
    count: 40,
    firstNumber: 652,
    codes: 20,
  });
  small = await exportMonth('2026-03');
  large = await exportMonth('2026-04');
});
after(async () => {
  await t?.close();
});

describe('SAF-T product queries', () => {
  test('do not grow with the number of documents', (ctx) => {
    const a = small.statements.filter(readsProducts).length;
    const b = large.statements.filter(readsProducts).length;
    ctx.diagnostic(`50 documents: ${small.stats.batches} batches, ${small.statements.length} statements, ${a} product`);
    ctx.diagnostic(
      `600 documents: ${large.stats.batches} batches, ${large.statements.length} statements, ${b} product`,
    );
    assert.equal(small.stats.documents, 50);
    assert.equal(large.stats.documents, 600);
    assert.ok(large.stats.batches >= 3 && small.stats.batches === 1, `${small.stats.batches} / ${large.stats.batches}`);
    assert.equal(small.stats.products, CATALOG + 1);
    assert.equal(large.stats.products, CATALOG + 1);
    assert.ok(a >= 1, 'products are read');
    assert.equal(b, a, 'the same product statements for 600 documents as for 50');
  });

  test("the period's product codes are listed in one pass over its lines, however many pages they fill", async () => {
    // A batch of 1 lists product codes 8 at a time: the 21 codes of May fill 3 pages.
    const paged = await exportMonth('2026-05', undefined, 1);
    const whole = await exportMonth('2026-05');
    const listings = (r: Run) => r.statements.filter((s) => /select distinct "l"\."code"/i.test(s)).length;
    assert.equal(paged.stats.products, 21);
    assert.equal(listings(paged), 1, 'one statement reads the distinct codes of the period');
    assert.equal(listings(whole), 1);
    assert.equal(paged.xml, whole.xml);
  });

  test('every line describes its product as the master file does', () => {
    const file = parseSaft(large.xml);
    const master = new Map<string, string>(
      file.MasterFiles.Product.map((p: any) => [p.ProductCode, p.ProductDescription]),
    );
    const lines = file.SourceDocuments.SalesInvoices.Invoice.flatMap((i: any) => i.Line);
    assert.equal(lines.length, 1200);
    for (const l of lines) assert.equal(l.ProductDescription, master.get(l.ProductCode), l.ProductCode);
  });

  test('the same file whether products are remembered or looked up batch by batch', async () => {
    const uncached = await exportMonth('2026-04', 0);
    assert.ok(
      uncached.statements.filter(readsProducts).length > large.statements.filter(readsProducts).length,
      'without the cache every batch looks its products up',
    );
    assert.equal(uncached.xml, large.xml);
  });
});
