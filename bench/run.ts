/**
 * `npm run bench`: create-and-finalize over HTTP against PostgreSQL and PGlite, next to the raw insert rate of
 * the same rows, plus PDF figures when the renderer is present. Prints a table; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/infra/db/database.js';
import { migrate } from '../src/infra/db/migrate.js';
import { syncReferenceData } from '../src/infra/db/sync-reference-data.js';
import { benchHttpFinalize } from './http-finalize.js';
import { benchIxFinalize } from './ix-finalize.js';
import { benchRawInsert } from './raw-insert.js';

const TOTAL = Number(process.env.BENCH_DOCS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ONLY = process.env.BENCH_DB; // postgres | pglite: measure one
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withPostgres<T>(fn: (db: Database) => Promise<T>): Promise<T | undefined> {
  const name = `faturador_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`PostgreSQL not reachable at ${PG_ADMIN} (${(err as Error).message}); skipped.`);
    return undefined;
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: CONCURRENCY });
  try {
    await migrate(db);
    await syncReferenceData(db);
    return await fn(db);
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

// On disk, as `npm start` keeps it (DATA_DIR); BENCH_PGLITE_MEMORY=1 measures an in-memory database instead.
async function withPglite<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const dataDir = process.env.BENCH_PGLITE_MEMORY === '1' ? undefined : mkdtempSync(join(tmpdir(), 'faturador-bench-'));
  const db = await openDatabase({ dataDir });
  try {
    await migrate(db);
    await syncReferenceData(db);
    return await fn(db);
  } finally {
    await db.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

const rows: string[][] = [];
const f = (n: number, d = 1) => n.toFixed(d);

async function measure(label: string, db: Database) {
  const http = await benchHttpFinalize(db, { total: TOTAL, concurrency: CONCURRENCY });
  const raw = await benchRawInsert(db, { total: TOTAL, concurrency: CONCURRENCY });
  rows.push([
    label,
    String(http.documents),
    f(http.perSecond),
    f(http.p50ms, 2),
    f(http.p99ms, 2),
    f(raw.perSecond),
    f(raw.p50ms, 2),
    f(raw.p99ms, 2),
    f(http.perSecond / raw.perSecond, 2),
  ]);
}

console.log(
  `Faturador bench: ${TOTAL} create-and-finalize requests per database, ${CONCURRENCY} concurrent, node ${process.version}`,
);
if (ONLY !== 'pglite') await withPostgres((db) => measure('PostgreSQL', db));
if (ONLY !== 'postgres') await withPglite((db) => measure('PGlite', db));
const head = ['database', 'docs', 'HTTP docs/s', 'p50 ms', 'p99 ms', 'raw inserts/s', 'raw p50', 'raw p99', 'ratio'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i])).join('  ');
console.log(line(head));
for (const r of rows) console.log(line(r));
console.log('ratio = HTTP create-and-finalize docs/s ÷ raw inserts of the same rows (one transaction per document).');

if (process.env.BENCH_IX !== '0') {
  const ixRows: string[][] = [];
  const ix = async (label: string, db: Database) => {
    const r = await benchIxFinalize(db, { total: TOTAL, concurrency: CONCURRENCY });
    ixRows.push([label, String(r.documents), f(r.perSecond), f(r.p50ms, 2), f(r.p99ms, 2)]);
  };
  console.log(`\nInvoiceXpress dialect: ${TOTAL} invoices created then finalized, ${CONCURRENCY} concurrent`);
  if (ONLY !== 'pglite') await withPostgres((db) => ix('PostgreSQL', db));
  if (ONLY !== 'postgres') await withPglite((db) => ix('PGlite', db));
  const ixHead = ['database', 'docs', 'IX docs/s', 'p50 ms', 'p99 ms'];
  const ixWidths = ixHead.map((h, i) => Math.max(h.length, ...ixRows.map((r) => r[i].length)));
  const ixLine = (r: string[]) => r.map((c, i) => c.padStart(ixWidths[i])).join('  ');
  console.log(ixLine(ixHead));
  for (const r of ixRows) console.log(ixLine(r));
  console.log('A document = POST /invoicexpress/invoices.json + PUT …/change-state.json finalized (BENCH_IX=0 skips).');
}

if (process.env.BENCH_PDF !== '0')
  try {
    const pdf = (await import('./pdf.js' as string)) as { benchPdf?: () => Promise<void> };
    if (pdf.benchPdf) await pdf.benchPdf();
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw err;
  }

await (await import('./startup.js')).benchStartup();
