import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KyselyPlugin, QueryResult, UnknownRow } from 'kysely';
import { DEFAULT_BATCH_SIZE } from '../../src/exports/saft/export-saft.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { cloneDocuments } from './bulk-documents.js';
import { create, exportThrough } from './saft-helpers.js';

/**
 * What keeps the export's memory flat (issue #15, RSS growth ≤ 50 MB at 100,000 documents) is structural: every
 * query's rows are handed over in an array the driver no longer holds (the driver's result object outlives the
 * query in V8's old generation, and promoted whatever rows it still held), and pages of documents are small
 * enough to die young. Both checked here; the RSS figure itself belongs to `npm run bench`.
 */
let t: TestApp;
const N = 3 * DEFAULT_BATCH_SIZE + 7;

/** Keeps every rows array as the driver returned it (it runs before the export's own plugin). */
class DriverRows implements KyselyPlugin {
  readonly seen: { rows: UnknownRow[]; length: number }[] = [];
  transformQuery(args: Parameters<KyselyPlugin['transformQuery']>[0]) {
    return args.node;
  }
  async transformResult(args: { result: QueryResult<UnknownRow> }) {
    this.seen.push({ rows: args.result.rows, length: args.result.rows.length });
    return args.result;
  }
}

before(async () => {
  t = await startTestApp();
  const series = await create(t, '/v1/series', { code: 'REL' });
  const template = await create(t, '/v1/documents', {
    type: 'FT',
    seriesId: series.id,
    date: '2026-02-27',
    finalize: true,
    customer: { code: 'C-REL', name: 'Cliente, Lda', taxId: '507180607', city: 'Braga' },
    lines: [{ description: 'Artigo', code: 'ART', quantity: '2', unitPrice: '9.99', taxName: 'IVA23' }],
  });
  await cloneDocuments(t.db.database.db, t.account.accountId, template.id, {
    month: '2026-03',
    count: N,
    firstNumber: 2,
    codes: 10,
  });
});
after(async () => {
  await t?.close();
});

describe('SAF-T export releases what it reads', () => {
  test("every query's rows leave the driver's array, and pages stay small", async () => {
    const driver = new DriverRows();
    const { stats } = await exportThrough(t, driver, {
      period: { from: '2026-03-01', to: '2026-03-31' },
      now: new Date('2026-12-07T12:00:00Z'),
    });
    assert.equal(stats.documents, N);
    assert.ok(stats.largestBatch <= DEFAULT_BATCH_SIZE, `largest page ${stats.largestBatch}`);
    assert.ok(DEFAULT_BATCH_SIZE <= 50, `default page of ${DEFAULT_BATCH_SIZE} documents`);
    const read = driver.seen.filter((r) => r.length > 0);
    assert.ok(read.length >= 4, `${read.length} queries returned rows`);
    const kept = read.filter((r) => r.rows.length > 0);
    assert.equal(kept.length, 0, `${kept.length} of ${read.length} driver arrays still hold their rows`);
  });
});
