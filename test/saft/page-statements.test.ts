import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_BATCH_SIZE, type SaftExportStats } from '../../src/exports/saft/export-saft.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { bulkTemplate, cloneDocuments } from './bulk-documents.js';
import { create, exportThrough } from './saft-helpers.js';
import { StatementLog } from './statement-log.js';

/**
 * Pages of documents are small (50, for memory: released-rows.test.ts), so what a page costs in statements is what
 * the export costs in time (issue #15). A page is its documents and their lines (2 statements); its ids are listed
 * with four other pages', and the account and its series, which every document names, are read once per export.
 * They used to be read again on every page, with the page's own listing: 5 statements a page.
 */
let t: TestApp;
const N = 12 * DEFAULT_BATCH_SIZE;

interface Run {
  stats: SaftExportStats;
  statements: string[];
  xml: string;
}

async function exportMarch(batchSize?: number): Promise<Run> {
  const log = new StatementLog();
  const run = await exportThrough(t, log, {
    period: { from: '2026-03-01', to: '2026-03-31' },
    now: new Date('2026-12-07T12:00:00Z'),
    batchSize,
  });
  return { ...run, statements: log.statements };
}

const reads = (table: string) => (s: string) => new RegExp(`from "${table}"`, 'i').test(s);

let paged: Run;
let whole: Run;

before(async () => {
  t = await startTestApp();
  const template = await bulkTemplate((url, body) => create(t, url, body));
  await cloneDocuments(t.db.database.db, t.account.accountId, template.id, {
    month: '2026-03',
    count: N,
    firstNumber: 2,
    codes: 5,
  });
  paged = await exportMarch();
  whole = await exportMarch(N);
});
after(async () => {
  await t?.close();
});

describe('SAF-T statements per page of documents', () => {
  test('a page costs its documents and lines, and a fifth of a listing', (ctx) => {
    const pages = paged.stats.batches - whole.stats.batches;
    const perPage = (paged.statements.length - whole.statements.length) / pages;
    ctx.diagnostic(`${N} documents: ${paged.stats.batches} pages, ${paged.statements.length} statements`);
    ctx.diagnostic(`in one page: ${whole.statements.length} statements; ${perPage.toFixed(2)} statements a page`);
    assert.equal(paged.stats.documents, N);
    assert.equal(whole.stats.documents, N);
    assert.equal(paged.stats.batches, 12);
    assert.ok(paged.stats.largestBatch <= DEFAULT_BATCH_SIZE, `largest page ${paged.stats.largestBatch}`);
    assert.ok(perPage <= 2.25, `${perPage.toFixed(2)} statements a page`);
  });

  test('the account and its series are read once per export, however many pages', () => {
    for (const table of ['series', 'accounts'])
      assert.equal(
        paged.statements.filter(reads(table)).length,
        whole.statements.filter(reads(table)).length,
        `statements reading ${table}`,
      );
    assert.equal(paged.statements.filter(reads('series')).length, 1);
  });

  test('the same file whatever the page size, across listings', async () => {
    // 7 a page: pages straddle the listings of 35 ids, and the last listing is short.
    const odd = await exportMarch(7);
    assert.equal(odd.stats.documents, N);
    assert.equal(paged.xml, whole.xml);
    assert.equal(odd.xml, whole.xml);
  });
});
