/**
 * Bulk invoicing figures (issue #19): the preview (dry run) time of a file, and the throughput of an import (upload
 * → documents issued and the outbox drained) against the API's create-and-finalize in the same run.
 * bench/run.ts runs `benchImport` on each database (BENCH_IMPORT=0 skips it); alone:
 *   node --import tsx bench/imports.ts preview 2000,10000   preview time of files of that many rows
 *   node --import tsx bench/imports.ts issue 10000          import throughput beside the API's
 * (BENCH_DB as in run.ts; BENCH_IMPORT_DOCS the documents of the import, default 10,000.)
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { fmt, goalRow, infoRow, load, printSection, progress, type Row } from './report.js';
import { freshDatabase, startServer, type BenchDb, type BenchServer } from './server.js';
import { outbox, sustainedRun } from './sustained.js';

const LABEL: Record<BenchDb, string> = { postgres: 'PostgreSQL', pglite: 'PGlite' };

/**
 * A CSV of `rows` rows, two lines per document (so rows/2 documents). `each`: each document to a new customer of
 * its own tax id, as a subscription run is (the customer is created by the document that names it); `one`: the
 * main throughput figure's FR (bench/sustained.ts ISSUE_BODY: its customer, its two lines), for a like-for-like rate.
 */
export function importCsv(rows: number, tag = '', customers: 'each' | 'one' = 'each'): string {
  const out = ['Document,Type,Customer tax id,Customer name,Description,Quantity,Unit price,Discount %,Tax rate %'];
  for (let r = 0; r < rows; r += 2) {
    const d = r / 2 + 1;
    if (customers === 'one') {
      out.push(`D${tag}${d},FR,123456789,Cliente Bench,Consultoria,2,45.50,,23`);
      if (r + 1 < rows) out.push(`D${tag}${d},,,,Material,3,12.3456,5,13`);
      continue;
    }
    out.push(`D${tag}${d},FR,${taxId(d)},Cliente ${d},Subscrição ${d},1,${10 + (d % 90)}.50,,23`);
    if (r + 1 < rows) out.push(`D${tag}${d},,,,Extra,2,3.25,10,13`);
  }
  return out.join('\n') + '\n';
}

/** A valid Portuguese tax id (check digit) from a number, starting with 2 (a person). */
function taxId(n: number): string {
  const base = `2${String(n % 10_000_000).padStart(7, '0')}`;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(base[i]) * (9 - i);
  const check = 11 - (sum % 11);
  return base + (check >= 10 ? 0 : check);
}

async function post(server: BenchServer, csv: string, fields: Record<string, string>): Promise<any> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([csv]), 'bench.csv');
  const res = await fetch(`${server.url}/v1/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.key}` },
    body: form,
  });
  const body = (await res.json()) as any;
  if (res.status >= 300) throw new Error(`POST /v1/imports ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}

/** Seconds of a dry run of a file of `rows` rows (the answer checked: no errors). */
export async function previewSeconds(server: BenchServer, rows: number): Promise<number> {
  const csv = importCsv(rows, `P${rows}-`);
  const t0 = performance.now();
  const body = await post(server, csv, { dryRun: 'true' });
  const s = (performance.now() - t0) / 1000;
  if (body.errors.length) throw new Error(`preview errors: ${JSON.stringify(body.errors.slice(0, 3))}`);
  return s;
}

/** An import of `docs` documents: seconds from the upload until every document is issued and the outbox is empty. */
export async function importRun(
  server: BenchServer,
  docs: number,
  customers: 'each' | 'one' = 'one',
): Promise<{ uploadSeconds: number; seconds: number; perSecond: number; issued: number }> {
  const csv = importCsv(docs * 2, `I${Date.now()}-`, customers);
  const t0 = performance.now();
  const created = await post(server, csv, {});
  const uploadSeconds = (performance.now() - t0) / 1000;
  for (;;) {
    const res = await fetch(`${server.url}/v1/imports/${created.id}`, {
      headers: { authorization: `Bearer ${server.key}` },
    });
    const view = (await res.json()) as { status: string; issued: number };
    if (view.status === 'done' && (await outbox(server.running.database, server.accountId)).open === 0) {
      const seconds = (performance.now() - t0) / 1000;
      if (view.issued !== docs) throw new Error(`import issued ${view.issued} of ${docs}: ${JSON.stringify(view)}`);
      return { uploadSeconds, seconds, perSecond: docs / seconds, issued: view.issued };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The import section of one database: preview time, import throughput and its ratio to the API's, same server. */
export async function benchImport(db: BenchDb, server: BenchServer, docs: number, concurrency = 32): Promise<Row[]> {
  const rows: Row[] = [];
  progress(`${LABEL[db]}: import preview of ${docs * 2} rows`);
  const preview = await previewSeconds(server, docs * 2);
  rows.push(infoRow(`${LABEL[db]} import preview (dry run), ${docs * 2} rows / ${docs} docs`, `${fmt(preview)} s`));
  progress(`${LABEL[db]}: API create-and-finalize, ${docs} documents at c=${concurrency}`);
  const api = await sustainedRun(server, { total: docs, concurrency });
  progress(`${LABEL[db]}: bulk import of ${docs} documents (${docs * 2} rows), the API's document`);
  const imp = await importRun(server, docs, 'one');
  progress(`${LABEL[db]}: bulk import of ${docs} documents, each to a new customer`);
  const each = await importRun(server, docs, 'each');
  const l = load();
  rows.push(
    infoRow(`${LABEL[db]} API create-and-finalize c=${concurrency}: drained docs/s`, fmt(api.drainedPerSecond), l),
    infoRow(
      `${LABEL[db]} bulk import, ${docs} docs: docs/s (upload ${fmt(imp.uploadSeconds)} s + issue, outbox empty)`,
      fmt(imp.perSecond),
      l,
    ),
    infoRow(
      `${LABEL[db]} bulk import, ${docs} docs each to a new customer: docs/s (upload ${fmt(each.uploadSeconds)} s + issue)`,
      fmt(each.perSecond),
      l,
    ),
    goalRow(
      `${LABEL[db]} bulk import (the API's document) ÷ API drained`,
      api.drainedPerSecond ? imp.perSecond / api.drainedPerSecond : undefined,
      { atLeast: 0.9, unit: '×', digits: 2 },
      l,
    ),
  );
  return rows;
}

export const IMPORT_NOTES = [
  'Import = POST /v1/imports of a CSV (2 rows per document) timed from the upload (its whole check included) until',
  'GET /v1/imports/{id} says done and the outbox is empty (issued by the import.issue job, e-mail off). The ratio',
  'imports the API figure’s FR (same customer and lines); API = that FR at the main concurrency (c=32), same server and database, just',
  'before. "each to a new customer": a subscription run, every document creating its customer. Preview = a file of',
  'new customers with dryRun=true.',
];

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const mode = process.argv[2] ?? 'issue';
  const dbs: BenchDb[] =
    process.env.BENCH_DB === 'postgres' || process.env.BENCH_DB === 'pglite'
      ? [process.env.BENCH_DB]
      : ['postgres', 'pglite'];
  const rows: Row[] = [];
  for (const db of dbs) {
    const fresh = await freshDatabase(db, 'imports');
    if (!fresh) continue;
    try {
      const server = await startServer(fresh);
      try {
        if (mode === 'preview')
          for (const n of (process.argv[3] ?? '2000,10000').split(',').map(Number)) {
            progress(`${LABEL[db]}: preview of ${n} rows`);
            rows.push(infoRow(`${LABEL[db]} preview, ${n} rows`, `${fmt(await previewSeconds(server, n), 2)} s`));
          }
        else
          rows.push(
            ...(await benchImport(db, server, Number(process.argv[3] ?? process.env.BENCH_IMPORT_DOCS ?? 10_000))),
          );
      } finally {
        await server.close();
      }
    } finally {
      await fresh.drop();
    }
  }
  printSection('Bulk invoicing (bench/imports.ts)', rows, IMPORT_NOTES);
}
