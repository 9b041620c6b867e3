import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { checkSaftAsserts } from '../../src/exports/saft/check-asserts.js';
import { type SaftExportStats, exportSaft } from '../../src/exports/saft/export-saft.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { saftXsdPath, skipUnlessSaftXsd, validateXml } from '../support/xml-validate.js';
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

/**
 * Clones the template document `count` times into a month, numbered on, issued (status final). The clones are forged,
 * not issued (no counter, copied hash, entry times by date): the triggers that refuse that from any SQL client
 * (migrations 0012, 0013) are off for this transaction, as a superuser can.
 */
async function cloneDocuments(month: string, count: number): Promise<void> {
  await t.db.database.db.transaction().execute(async (db) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(db);
    const acc = t.account.accountId;
    const tag = `bulk-${month}`;
    await sql`
      INSERT INTO documents (account_id, doc_type, series_id, store_id, user_id, doc_date, contact_id, customer, seller, load_address, unload_address,
        currency, language, vat_included, net_total, tax_total, gross_total, discount_total, payable_total, tax_summary, download_token, internal_note)
      SELECT d.account_id, d.doc_type, d.series_id, d.store_id, d.user_id, (${`${month}-01`}::date + ((g.i - 1) % 28)), d.contact_id, d.customer, d.seller,
        d.load_address, d.unload_address, d.currency, d.language, d.vat_included, d.net_total, d.tax_total, d.gross_total, d.discount_total, d.payable_total,
        d.tax_summary, md5(${tag} || g.i::text), ${tag}
      FROM documents d CROSS JOIN generate_series(1, ${count}) AS g(i)
      WHERE d.account_id = ${acc} AND d.id = ${templateId}`.execute(db);
    await sql`
      INSERT INTO document_lines (account_id, document_id, position, item_id, code, description, product_type, quantity, unit, unit_price, discount1,
        discount2, discount3, tax_id, tax_type, tax_region, tax_code, tax_rate, exemption_code, exemption_reason, net_amount, unit_net_price,
        discount_amount, net_total, tax_total, gross_total)
      SELECT l.account_id, d.id, l.position, l.item_id, CASE WHEN l.position = 1 THEN l.code || '-' || d.id::text ELSE l.code END, l.description,
        l.product_type, l.quantity, l.unit, l.unit_price, l.discount1, l.discount2, l.discount3, l.tax_id, l.tax_type, l.tax_region, l.tax_code,
        l.tax_rate, l.exemption_code, l.exemption_reason, l.net_amount, l.unit_net_price, l.discount_amount, l.net_total, l.tax_total, l.gross_total
      FROM documents d JOIN document_lines l ON l.account_id = d.account_id AND l.document_id = ${templateId}
      WHERE d.account_id = ${acc} AND d.internal_note = ${tag}`.execute(db);
    await sql`
      UPDATE documents d SET status = 'final', number = x.n + ${nextNumber - 1}, doc_no = 'FT BULK/' || (x.n + ${nextNumber - 1})::text,
        system_entry_date = (d.doc_date + time '10:00:00'), status_date = (d.doc_date + time '10:00:00'), hash = tpl.hash, hash_control = '1', key_version = 1, atcud = '0'
      FROM (SELECT id, row_number() OVER (ORDER BY doc_date, id) AS n FROM documents WHERE account_id = ${acc} AND internal_note = ${tag}) x,
        (SELECT hash FROM documents WHERE account_id = ${acc} AND id = ${templateId}) tpl
      WHERE d.account_id = ${acc} AND d.id = x.id`.execute(db);
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
  await cloneDocuments('2026-03', N);
  await cloneDocuments('2026-04', 4 * N);
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
