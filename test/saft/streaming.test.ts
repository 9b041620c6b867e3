import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { checkSaftAsserts } from '../../src/exports/saft/check-asserts.js';
import { type SaftExportStats, exportSaft } from '../../src/exports/saft/export-saft.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { saftXsdPath, skipUnlessSaftXsd, validateXml } from '../support/xml-validate.js';
import { cloneDocuments } from './bulk-documents.js';
import { create } from './saft-helpers.js';

/**
 * Memory stays flat whatever the number of documents: the same export over N and 4N documents, the live heap
 * sampled (after a forced collection) at every batch. Documents are cloned in bulk by SQL from one issued
 * through the API, so that thousands of them cost a second, not minutes.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const N = 1000;
const BATCH = 250;
let t: TestApp;
const tmp = mkdtempSync(join(tmpdir(), 'saft-stream-'));
let templateId = 0;
let nextNumber = 2;

async function clone(month: string, count: number): Promise<void> {
  await cloneDocuments(t.db.database.db, t.account.accountId, templateId, {
    month,
    count,
    firstNumber: nextNumber,
    codes: 'per-document',
  });
  nextNumber += count;
}

interface Run {
  stats: SaftExportStats;
  growth: number;
  ms: number;
  file: string;
  size: number;
}

/** Exports a month to a file, sampling the live heap after each batch. */
async function exportMonth(month: string): Promise<Run> {
  const file = join(tmp, `${month}.xml`);
  const out = createWriteStream(file);
  gc();
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const started = performance.now();
  const stats = await t.db.database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((tx) =>
      exportSaft(tx, t.account.accountId, out, {
        period: { from: `${month}-01`, to: `${month}-28` },
        now: new Date(),
        batchSize: BATCH,
        onBatch: () => {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        },
      }),
    );
  const ms = performance.now() - started;
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(resolve);
  });
  return { stats, growth: peak - baseline, ms, file, size: statSync(file).size };
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
let small: Run;
let large: Run;

before(async () => {
  t = await startTestApp();
  const series = await create(t, '/v1/series', { code: 'BULK' });
  const template = await create(t, '/v1/documents', {
    type: 'FT',
    seriesId: series.id,
    date: '2026-02-27',
    finalize: true,
    customer: { code: 'C-BULK', name: 'Cliente de volume, S.A.', taxId: '507180607', city: 'Braga' },
    lines: [
      { description: 'Artigo de catálogo', code: 'ART', quantity: '3', unitPrice: '9.99', taxName: 'IVA23' },
      {
        description: 'Serviço de montagem',
        code: 'MONT',
        productType: 'S',
        quantity: '1.5',
        unitPrice: '40',
        discounts: ['5'],
        taxName: 'IVA13',
      },
    ],
  });
  templateId = template.id;
  await clone('2026-03', N);
  await clone('2026-04', 4 * N);
  small = await exportMonth('2026-03');
  large = await exportMonth('2026-04');
});
after(async () => {
  await t?.close();
});

describe('SAF-T export is streamed', () => {
  test('reads documents in bounded batches', () => {
    assert.equal(small.stats.documents, N);
    assert.equal(large.stats.documents, 4 * N);
    assert.ok(large.stats.largestBatch <= BATCH, `largest batch ${large.stats.largestBatch}`);
    assert.ok(large.stats.batches >= (4 * N) / BATCH, `${large.stats.batches} batches`);
    assert.equal(
      large.stats.products,
      4 * N + 1,
      'one product per document plus the shared one, read a page at a time',
    );
  });

  test('memory does not grow with the number of documents', (ctx) => {
    ctx.diagnostic(`N=${N}: ${mb(small.size)} in ${small.ms.toFixed(0)} ms, live heap +${mb(small.growth)}`);
    ctx.diagnostic(`4N=${4 * N}: ${mb(large.size)} in ${large.ms.toFixed(0)} ms, live heap +${mb(large.growth)}`);
    assert.ok(large.size > 3.5 * small.size, 'the file grows with the documents');
    // Generous: what is live at any point is one batch, whatever the period holds.
    assert.ok(
      large.growth < small.growth + 8 * 1024 * 1024,
      `heap growth ${mb(large.growth)} for 4N vs ${mb(small.growth)} for N`,
    );
    assert.ok(large.growth < large.size, `heap growth ${mb(large.growth)} stays below the file size ${mb(large.size)}`);
  });

  test('the large file validates against the XSD', skipUnlessSaftXsd(), async (ctx) => {
    const started = performance.now();
    const v = await validateXml(readFileSync(large.file), saftXsdPath());
    ctx.diagnostic(`xmllint-wasm: ${mb(large.size)} validated in ${(performance.now() - started).toFixed(0)} ms`);
    assert.deepEqual(v.errors.slice(0, 5), []);
    assert.equal(v.valid, true);
  });

  test('the large file satisfies the assert rules (read as a stream)', async (ctx) => {
    const started = performance.now();
    assert.deepEqual(await checkSaftAsserts(createReadStream(large.file)), []);
    ctx.diagnostic(`assert rules over ${4 * N} records in ${(performance.now() - started).toFixed(0)} ms`);
  });
});
