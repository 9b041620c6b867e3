/**
 * `npm run bench`: every goal of issue #15 measured in one run on this machine, each figure next to its goal and
 * the 1-minute load average when it was taken. Prints tables; asserts nothing. Knobs (environment):
 *   BENCH_DB=postgres|pglite   one database only (default both)
 *   BENCH_DOCS=2000            documents per throughput run (concurrency 1 runs min(BENCH_DOCS, 300))
 *   BENCH_CONCURRENCY=1,8,32,128  the concurrency sweep on the warm database (32, or the last, is the main figure)
 *   BENCH_WARM_DOCS=10000      documents in the warm database before ANALYZE (0: no warm runs)
 *   BENCH_IMPORT_DOCS=10000    documents of the bulk import figure (bench/imports.ts; BENCH_IMPORT=0 skips it)
 *   BENCH_PDF=0 BENCH_IX=0 BENCH_BE=0 BENCH_IMPORT=0 BENCH_SAFT=0 BENCH_STARTUP=0 BENCH_RAW=0 BENCH_EINVOICE=0 BENCH_EINVOICE_VALIDATE=0   skip a section
 *   BENCH_BE_DOCS=1000         documents of each of the PT and BE create-and-finalize runs (bench/be-create.ts alone: that part only)
 *   BENCH_PDF_DOCS=200         documents of the "PDF after finalize" sample; BENCH_SAFT_DOCS=100000
 *   BENCH_DRAIN_TIMEOUT_S=300  how long to wait for the outbox to drain; BENCH_PG_URL the admin connection
 */
import { arch, cpus, platform } from 'node:os';
import { sql } from 'kysely';
import { openDatabase } from '../src/infra/db/database.js';
import { startClient } from './client.js';
import type { RunFigures } from './closed-loop.js';
import { nodeCpuMs, PostgresCpu } from './cpu.js';
import { benchRawInsert, RAW_MODES, type RawMode } from './raw-insert.js';
import { fmt, goalRow, infoRow, load, printSection, progress, type Row } from './report.js';
import { freshDatabase, startServer, type BenchDb, type BenchServer } from './server.js';
import { ISSUE_BODY, outbox, sustainedRun, type Sustained } from './sustained.js';

const env = process.env;
const DOCS = Number(env.BENCH_DOCS ?? 2000);
const SWEEP = (env.BENCH_CONCURRENCY ?? '1,8,32,128')
  .split(',')
  .map(Number)
  .filter((c) => c > 0);
const MAIN = SWEEP.includes(32) ? 32 : SWEEP[SWEEP.length - 1];
const WARM_DOCS = Number(env.BENCH_WARM_DOCS ?? 10_000);
const PDF_DOCS = Number(env.BENCH_PDF_DOCS ?? 200);
const SAFT_DOCS = Number(env.BENCH_SAFT_DOCS ?? 100_000);
const DBS: BenchDb[] =
  env.BENCH_DB === 'postgres' || env.BENCH_DB === 'pglite' ? [env.BENCH_DB] : ['postgres', 'pglite'];
const on = (knob: string) => env[knob] !== '0';
const docsAt = (c: number) => (c === 1 ? Math.min(DOCS, 300) : DOCS);
const LABEL: Record<BenchDb, string> = { postgres: 'PostgreSQL', pglite: 'PGlite' };
const GOAL_DOCS_PER_S: Record<BenchDb, number> = { postgres: 600, pglite: 250 };

const sections = {
  throughput: [] as Row[],
  raw: [] as Row[],
  cpu: [] as Row[],
  latency: [] as Row[],
  backlog: [] as Row[],
  pdf: [] as Row[],
  ix: [] as Row[],
  be: [] as Row[],
  saft: [] as Row[],
  imports: [] as Row[],
};

/** Pending outbox rows written by bench-side seeding (raw rows, warm-up documents) are not the window's work. */
async function settleOutbox(server: BenchServer): Promise<void> {
  const { db } = server.running.database;
  const a = server.accountId;
  try {
    await sql`UPDATE jobs SET state = 'done', locked_until = NULL WHERE state = 'pending' AND account_id = ${a}`.execute(
      db,
    );
  } catch {
    await sql`DELETE FROM jobs WHERE state = 'pending' AND account_id = ${a}`.execute(db);
  }
}

function throughputRows(db: BenchDb, stage: string, r: Sustained, ratioTo?: number): void {
  const tag = `${LABEL[db]} ${stage} c=${r.concurrency}`;
  const goal = GOAL_DOCS_PER_S[db];
  sections.throughput.push(
    infoRow(`${tag}: answered docs/s (${r.answered.documents} docs)`, fmt(r.answered.perSecond), r.load),
    r.concurrency === MAIN
      ? goalRow(`${tag}: drained docs/s (outbox empty)`, r.drainedPerSecond, { atLeast: goal }, r.load)
      : infoRow(`${tag}: drained docs/s (outbox empty)`, fmt(r.drainedPerSecond), r.load),
  );
  if (r.deadJobs) sections.throughput.push(infoRow(`${tag}: jobs given up (dead)`, String(r.deadJobs), r.load));
  if (ratioTo !== undefined && db === 'postgres')
    sections.throughput.push(
      goalRow(
        `${tag}: drained ÷ raw signed 16/tx`,
        (r.drainedPerSecond ?? 0) / ratioTo,
        { atLeast: 0.25, unit: '×', digits: 2 },
        r.load,
      ),
    );
  sections.cpu.push(
    infoRow(`${tag}: Node CPU ms/doc`, fmt(r.nodeCpuMsPerDoc, 2), r.load),
    infoRow(
      `${tag}: PostgreSQL CPU ms/doc`,
      db === 'pglite' ? 'in Node' : r.pgCpuMsPerDoc === undefined ? 'n/a' : fmt(r.pgCpuMsPerDoc, 2),
      r.load,
    ),
  );
  sections.latency.push(
    c1OrMain(r.concurrency, 'p50')
      ? goalRow(`${tag}: p50`, r.answered.p50ms, { atMost: 5, unit: 'ms', digits: 2 }, r.load)
      : infoRow(`${tag}: p50`, `${fmt(r.answered.p50ms, 2)} ms`, r.load),
    c1OrMain(r.concurrency, 'p99')
      ? goalRow(`${tag}: p99`, r.answered.p99ms, { atMost: 50, unit: 'ms', digits: 2 }, r.load)
      : infoRow(`${tag}: p99`, `${fmt(r.answered.p99ms, 2)} ms`, r.load),
  );
  sections.backlog.push(
    goalRow(`${tag}: event-loop delay p99`, r.loopP99ms, { atMost: 20, unit: 'ms' }, r.load),
    infoRow(`${tag}: event-loop delay max`, `${fmt(r.loopMaxMs)} ms`, r.load),
    goalRow(`${tag}: GET /v1/taxes p99 (${r.probe.documents} GETs)`, r.probe.p99ms, { atMost: 20, unit: 'ms' }, r.load),
  );
  if (db === 'postgres')
    sections.backlog.push(
      infoRow(
        `${tag}: requests waiting for a pooled connection, p90 / max`,
        `${r.poolWaitingP90} / ${r.poolWaitingMax}`,
        r.load,
      ),
    );
}
const cpuText = (db: BenchDb, r: Sustained) =>
  `${fmt(r.nodeCpuMsPerDoc, 2)} / ${db === 'pglite' ? 'in Node' : fmt(r.pgCpuMsPerDoc, 2)}`;
const c1OrMain = (c: number, p: 'p50' | 'p99') => (p === 'p50' ? c === 1 : c === 32);

async function rawBaselines(db: BenchDb, server: BenchServer, url: string | undefined): Promise<number | undefined> {
  let signed: number | undefined;
  await server.running.worker.stop(); // the raw rows' outbox rows are not the app's work
  const rawDb = url ? await openDatabase({ databaseUrl: url, poolSize: MAIN }) : server.running.database;
  try {
    for (const mode of Object.keys(RAW_MODES) as RawMode[]) {
      progress(`${LABEL[db]}: raw baseline, ${RAW_MODES[mode]}`);
      const pg = rawDb.kind === 'postgres' ? await PostgresCpu.start(rawDb) : undefined;
      const cpu0 = nodeCpuMs();
      const r: RunFigures = await benchRawInsert(rawDb, {
        accountId: server.accountId,
        total: DOCS,
        concurrency: MAIN,
        mode,
      });
      const node = (nodeCpuMs() - cpu0) / r.documents;
      const pgMs = await pg?.stop();
      const l = load();
      if (mode === 'signed-16-per-tx') signed = r.perSecond;
      sections.raw.push(
        infoRow(
          `${LABEL[db]} raw, ${RAW_MODES[mode]}, c=${MAIN}: docs/s`,
          `${fmt(r.perSecond)} (CPU ms/doc: client ${fmt(node, 2)}, PostgreSQL ${db === 'pglite' ? 'in Node' : fmt(pgMs === undefined ? undefined : pgMs / r.documents, 2)})`,
          l,
        ),
      );
      rawPerSecond.set(`${db}:${mode}`, r.perSecond);
    }
  } finally {
    if (rawDb !== server.running.database) await rawDb.close();
    await settleOutbox(server);
    server.running.worker.start();
  }
  return signed;
}
const rawPerSecond = new Map<string, number>();

function ratiosToRaw(db: BenchDb, stage: string, r: Sustained): void {
  for (const mode of Object.keys(RAW_MODES) as RawMode[]) {
    const raw = rawPerSecond.get(`${db}:${mode}`);
    if (!raw) continue;
    sections.raw.push(
      infoRow(
        `${LABEL[db]} ${stage} c=${r.concurrency} ÷ raw ${mode}`,
        `answered ${fmt(r.answered.perSecond / raw, 2)}×, drained ${fmt((r.drainedPerSecond ?? 0) / raw, 2)}×`,
        r.load,
      ),
    );
  }
}

/** Brings the database to `WARM_DOCS` documents through the API at high concurrency (worker paused), then ANALYZE. */
async function warmUp(db: BenchDb, server: BenchServer): Promise<void> {
  const database = server.running.database;
  const have = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM documents`.execute(database.db)).rows[0].n);
  const need = WARM_DOCS - have;
  const t0 = Date.now();
  await server.running.worker.stop();
  try {
    if (need > 0) {
      progress(`${LABEL[db]}: seeding ${need} documents through the API (worker paused)`);
      const seed = await startClient({
        mode: 'issue',
        url: server.url,
        key: server.key,
        body: ISSUE_BODY,
        total: need,
        concurrency: 32,
        warmup: 0,
      });
      await seed.go();
    }
    await settleOutbox(server);
    await sql`ANALYZE`.execute(database.db);
  } finally {
    server.running.worker.start();
  }
  const seconds = (Date.now() - t0) / 1000;
  progress(`${LABEL[db]}: warm database ready (${Math.max(have, WARM_DOCS)} documents, ANALYZE) in ${fmt(seconds)} s`);
  sections.throughput.push(
    infoRow(
      `${LABEL[db]} warm-up: ${Math.max(need, 0)} documents through the API at c=32, ANALYZE`,
      `${fmt(seconds)} s`,
    ),
  );
}

async function pdfAfterFinalize(db: BenchDb, server: BenchServer): Promise<void> {
  progress(`${LABEL[db]}: PDF after finalize, ${PDF_DOCS} documents, 4 at a time`);
  const client = await startClient({
    mode: 'pdf',
    url: server.url,
    key: server.key,
    body: ISSUE_BODY,
    total: PDF_DOCS,
    concurrency: 4,
  });
  const r = await client.go();
  const l = load();
  sections.pdf.push(
    goalRow(
      `${LABEL[db]}: finalize answer → GET …/pdf 200, p95 (${r.documents} docs)`,
      r.p95ms,
      { atMost: 100, unit: 'ms' },
      l,
    ),
    infoRow(`${LABEL[db]}: same, p50 / p99`, `${fmt(r.p50ms)} / ${fmt(r.p99ms)} ms`, l),
  );
}

async function onDatabase(db: BenchDb): Promise<void> {
  const fresh = await freshDatabase(db, 'main');
  if (!fresh) return;
  try {
    progress(`${LABEL[db]}: starting the server (migrations, worker on)`);
    const server = await startServer(fresh);
    try {
      progress(`${LABEL[db]}: fresh database, ${DOCS} documents at c=${MAIN}`);
      const first = await sustainedRun(server, { total: DOCS, concurrency: MAIN });
      const signed = on('BENCH_RAW') ? await rawBaselines(db, server, fresh.env.DATABASE_URL) : undefined;
      throughputRows(db, 'fresh', first, signed);
      ratiosToRaw(db, 'fresh', first);
      if (WARM_DOCS > 0) {
        await warmUp(db, server);
        for (const c of SWEEP) {
          progress(`${LABEL[db]}: warm database, ${docsAt(c)} documents at c=${c}`);
          const r = await sustainedRun(server, { total: docsAt(c), concurrency: c });
          throughputRows(db, 'warm', r, c === MAIN ? signed : undefined);
          if (c === MAIN) ratiosToRaw(db, 'warm', r);
        }
      }
      if (on('BENCH_PDF') && PDF_DOCS > 0) await pdfAfterFinalize(db, server);
      if (on('BENCH_IX')) {
        progress(`${LABEL[db]}: InvoiceXpress dialect, ${DOCS} invoices at c=${MAIN}`);
        const r = await sustainedRun(server, { total: DOCS, concurrency: MAIN, api: 'invoicexpress' });
        sections.ix.push(
          infoRow(`${LABEL[db]} IX create + finalize c=${MAIN}: answered docs/s`, fmt(r.answered.perSecond), r.load),
          infoRow(`${LABEL[db]} IX: drained docs/s`, fmt(r.drainedPerSecond), r.load),
          infoRow(
            `${LABEL[db]} IX: p50 / p99 (both calls)`,
            `${fmt(r.answered.p50ms, 2)} / ${fmt(r.answered.p99ms, 2)} ms`,
            r.load,
          ),
          infoRow(`${LABEL[db]} IX: Node / PostgreSQL CPU ms/doc`, cpuText(db, r), r.load),
        );
      }
      if (on('BENCH_BE'))
        sections.be.push(...(await (await import('./be-create.js')).benchBeCreate(db, server, { concurrency: MAIN })));
      if (on('BENCH_IMPORT'))
        sections.imports.push(
          ...(await (
            await import('./imports.js')
          ).benchImport(db, server, Number(env.BENCH_IMPORT_DOCS ?? 10_000), MAIN)),
        );
      const left = await outbox(server.running.database, server.accountId);
      if (left.open || left.dead) progress(`${LABEL[db]}: outbox at the end: ${left.open} open, ${left.dead} dead`);
    } finally {
      await server.close();
    }
  } finally {
    await fresh.drop();
  }
}

/** SAF-T at BENCH_SAFT_DOCS documents, by bench/saft.ts (the SAF-T work's own bench) when it is there. */
async function saft(): Promise<void> {
  let mod: { benchSaft?: (o: { documents: number; db?: BenchDb }) => Promise<unknown> };
  try {
    mod = (await import('./saft.js' as string)) as typeof mod;
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw err;
    sections.saft.push(infoRow('SAF-T export', 'skipped: bench/saft.ts is not there'));
    return;
  }
  if (!mod.benchSaft) {
    sections.saft.push(infoRow('SAF-T export', 'skipped: bench/saft.ts exports no benchSaft'));
    return;
  }
  for (const db of DBS) {
    progress(`${LABEL[db]}: SAF-T export of ${SAFT_DOCS} documents (bench/saft.ts)`);
    const result = await mod.benchSaft({ documents: SAFT_DOCS, db });
    for (const r of saftRows(result)) sections.saft.push(r);
  }
}

/** Goal rows from what benchSaft returns, when it returns figures (one object, or one per database). */
function saftRows(result: unknown): Row[] {
  const list = Array.isArray(result) ? result : result && typeof result === 'object' ? [result] : [];
  const rows: Row[] = [];
  for (const item of list as Record<string, unknown>[]) {
    const num = (...names: string[]) => {
      for (const n of names) if (typeof item[n] === 'number') return item[n] as number;
      return undefined;
    };
    const db = String(item.db ?? item.database ?? '');
    const label = `${LABEL[db as BenchDb] ?? db} SAF-T, ${num('documents') ?? SAFT_DOCS} docs`;
    const seconds = num('seconds', 'exportSeconds');
    const rssMb = num('rssGrowthMB', 'rssGrowthMb', 'rssMB', 'rssMb') ?? mb(num('rssGrowthBytes', 'rssGrowth'));
    const millionS = num('extrapolated1MSeconds', 'millionSeconds', 'extrapolatedSeconds');
    const l = num('loadAfter', 'load', 'loadAverage') ?? load();
    const docs = num('documents') ?? SAFT_DOCS;
    if (seconds !== undefined)
      rows.push(
        docs === 100_000
          ? goalRow(`${label}: export seconds`, seconds, { atMost: 15, unit: 's' }, l)
          : goalRow(
              `${label}: export seconds × 100,000/${docs}`,
              (seconds * 100_000) / docs,
              { atMost: 15, unit: 's' },
              l,
            ),
      );
    if (rssMb !== undefined) rows.push(goalRow(`${label}: RSS growth`, rssMb, { atMost: 50, unit: 'MB' }, l));
    if (millionS !== undefined)
      rows.push(goalRow(`${label}: extrapolated to 1 M`, millionS / 60, { atMost: 3, unit: 'min', digits: 2 }, l));
  }
  if (!rows.length)
    rows.push(infoRow('SAF-T export', 'see bench/saft.ts output above (goals: ≤ 15 s, RSS ≤ 50 MB, 1 M ≤ 3 min)'));
  return rows;
}
const mb = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / 1024 / 1024);

const started = Date.now();
console.log(
  `Faturador bench, ${new Date().toISOString()}: node ${process.version}, ${platform()} ${arch()}, ${cpus().length} cores, ` +
    `load ${load().toFixed(2)}; ${DOCS} documents per run, concurrency ${SWEEP.join('/')}, warm database ${WARM_DOCS} documents`,
);
for (const db of DBS) await onDatabase(db);
if (on('BENCH_SAFT')) await saft();

printSection('1. Sustained throughput, default configuration (worker on, outbox drained)', sections.throughput, [
  'answered = documents ÷ seconds until the last answer; drained = ÷ seconds until no job is pending or running.',
  'The server is createApp as `npm start` builds it (default pool, worker on); only logs and the rate limit are off.',
  `fresh = a new database; warm = the same database brought to ${WARM_DOCS} documents, then ANALYZE (BENCH_WARM_DOCS).`,
  `Goals apply at c=${MAIN}; the other concurrencies are context (section 5).`,
]);
printSection('2. Raw baselines (same rows, no HTTP) and ratios', sections.raw, [
  'Each raw baseline also writes one outbox row per document; 16/tx: 16 documents per transaction, RSA-SHA1 chained.',
]);
printSection('3. CPU per document (/proc, over answers + drain)', sections.cpu, [
  'Node: this process (server, worker, PGlite); the clients run in processes of their own.',
  'PostgreSQL: utime+stime of the backends of the bench database (pg_stat_activity). PGlite runs in Node.',
]);
printSection('5. Latency per concurrency (create-and-finalize, one call)', sections.latency);
printSection('6. While the backlog is worked (whole window: answers + drain)', sections.backlog, [
  'Event loop: perf_hooks monitorEventLoopDelay in the server process. GET: another process, one every 20 ms.',
  'Pool: queries waiting for one of DB_POOL_SIZE connections, sampled every 5 ms (a GET waits there behind the creates’ reads).',
]);
printSection('7. PDF available after finalize', sections.pdf, [
  'From the create-and-finalize answer until GET /v1/documents/{id}/pdf returns 200 (rendered then or before), 4 clients, warm database.',
]);
printSection('InvoiceXpress dialect (same server and database, after the runs above)', sections.ix, [
  'A document = POST /invoicexpress/invoices.json + PUT …/change-state.json finalized (BENCH_IX=0 skips).',
]);
if (on('BENCH_BE'))
  printSection(
    'Belgian seller: create-and-finalize beside PT (bench/be-create.ts)',
    sections.be,
    (await import('./be-create.js')).BE_NOTES,
  );
if (on('BENCH_IMPORT'))
  printSection(
    'Bulk invoicing: import of BENCH_IMPORT_DOCS documents beside the API (bench/imports.ts)',
    sections.imports,
    (await import('./imports.js')).IMPORT_NOTES,
  );
printSection('8. SAF-T', sections.saft);
if (on('BENCH_EINVOICE'))
  printSection('E-invoice generation (bench/einvoice.ts)', await (await import('./einvoice.js')).benchEinvoice());
if (on('BENCH_EINVOICE_VALIDATE'))
  printSection(
    'E-invoice validation (bench/einvoice-validate.ts)',
    await (await import('./einvoice-validate.js')).benchEinvoiceValidate(),
  );
if (on('BENCH_STARTUP')) {
  progress('start-up figures (bench/startup.ts: --help, first start, restart)');
  await (await import('./startup.js')).benchStartup();
}
console.log(`\nBench done in ${((Date.now() - started) / 1000).toFixed(0)} s, load ${load().toFixed(2)}.`);
