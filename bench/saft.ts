/**
 * The SAF-T export at scale: N issued documents (default 100,000, BENCH_SAFT_DOCS) in one month, exported to a
 * file the way the route streams it, timed, with the RSS growth (peak, sampled every 20 ms and at every batch).
 * The documents are cloned in bulk by SQL from one issued through the API (test/saft/bulk-documents.ts): 2 lines
 * each over a catalog of BENCH_SAFT_CODES codes (500) and BENCH_SAFT_CUSTOMERS customers (2,000). Seeding is not
 * timed. `node --import tsx bench/saft.ts` runs it on both databases (BENCH_DB=postgres|pglite for one).
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { createAccount } from '../src/app/accounts/create-account.js';
import { loadConfig } from '../src/config.js';
import { exportSaft } from '../src/exports/saft/export-saft.js';
import { createApp } from '../src/server/create-app.js';
import { bulkTemplate, cloneDocuments } from '../test/saft/bulk-documents.js';

export interface SaftBenchOptions {
  /** Issued documents to export (default BENCH_SAFT_DOCS, else 100,000). */
  documents?: number;
  /** Where: a fresh PostgreSQL database of its own, or a fresh PGlite DATA_DIR on disk (default postgres). */
  db?: 'postgres' | 'pglite';
  codes?: number;
  customers?: number;
}

export interface SaftBenchFigures {
  db: 'postgres' | 'pglite';
  documents: number;
  /** Seconds to seed the documents (not part of the export figure). */
  seedSeconds: number;
  /** The export, from the first statement to the file flushed. */
  seconds: number;
  docsPerSecond: number;
  /** Peak RSS during the export minus RSS just before it, in MB (PGlite's WASM heap is in this process). */
  rssGrowthMb: number;
  /** V8's heap (used, and reserved) when RSS peaked, as growth over the start, in MB: garbage not yet collected. */
  heapUsedGrowthMb: number;
  heapTotalGrowthMb: number;
  /**
   * CPU seconds of the export (robust on a loaded machine, where wall time is not): this process, and the
   * PostgreSQL backend of its connection read from /proc (undefined on PGlite, which runs in this process).
   */
  nodeCpuSeconds: number;
  pgCpuSeconds?: number;
  /** Linear extrapolation of `seconds` to 1,000,000 documents. */
  millionSeconds: number;
  fileMb: number;
  batches: number;
  products: number;
  customers: number;
  /** The 1-minute load average before and after the export. */
  loadBefore: number;
  loadAfter: number;
}

/** utime + stime of a process, in seconds (Linux /proc; undefined elsewhere or when it is not ours to read). */
function procCpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MB = 1024 * 1024;

export async function benchSaft(opts: SaftBenchOptions = {}): Promise<SaftBenchFigures> {
  const documents = opts.documents ?? Number(process.env.BENCH_SAFT_DOCS ?? 100_000);
  const kind = opts.db ?? 'postgres';
  const tmp = mkdtempSync(join(tmpdir(), 'faturador-bench-saft-'));
  const name = `faturador_bench_saft_${process.pid}`;
  const admin = kind === 'postgres' ? new pg.Client({ connectionString: PG_ADMIN }) : undefined;
  let env: Record<string, string> = { DATA_DIR: join(tmp, 'data'), DATABASE_URL: '' };
  if (admin) {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString() };
  }
  const running = await createApp(
    loadConfig({ ...process.env, LOG_LEVEL: 'silent', WORKER: '0', RATE_LIMIT_PER_MINUTE: '100000000', ...env }),
    { logger: false },
  );
  try {
    const db = running.database.db;
    const account = await db.transaction().execute((tx) =>
      createAccount(tx, new Date(), {
        legalName: 'Bench SAF-T, Lda',
        taxId: '503340855',
        sandbox: true, // a production account's series would need an AT validation code first
        street: 'Rua do Ouro, 1',
        postalCode: '1100-060',
        city: 'Lisboa',
        owner: { email: `bench-saft-${Date.now()}@example.com` },
      }),
    );
    const call = async (url: string, body: unknown) => {
      const r = await running.app.inject({
        method: 'POST',
        url,
        payload: body as object,
        headers: { authorization: `Bearer ${account.apiKey}` },
      });
      if (r.statusCode >= 300) throw new Error(`${url} → ${r.statusCode}: ${r.body}`);
      return r.json();
    };
    const template = await bulkTemplate(call);

    const seedStart = performance.now();
    const chunk = 25_000;
    for (let done = 0; done < documents; done += chunk)
      await cloneDocuments(db, account.accountId, template.id, {
        month: '2026-03',
        count: Math.min(chunk, documents - done),
        firstNumber: 2 + done,
        codes: opts.codes ?? Number(process.env.BENCH_SAFT_CODES ?? 500),
        customers: opts.customers ?? Number(process.env.BENCH_SAFT_CUSTOMERS ?? 2000),
      });
    await sql`ANALYZE`.execute(db);
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const file = join(tmp, 'saft.xml');
    const out = createWriteStream(file);
    (globalThis as { gc?: () => void }).gc?.();
    const m0 = process.memoryUsage();
    let peak = m0;
    const sample = () => {
      const m = process.memoryUsage();
      if (m.rss > peak.rss) peak = m;
    };
    const timer = setInterval(sample, 20);
    const loadBefore = loadavg()[0];
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    let stats;
    let pgCpuSeconds: number | undefined;
    try {
      stats = await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (tx) => {
          const pid =
            kind === 'postgres'
              ? (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)).rows[0].pid
              : 0;
          const pg0 = pid ? procCpuSeconds(pid) : undefined;
          const s = await exportSaft(tx, account.accountId, out, {
            period: { from: '2026-03-01', to: '2026-03-31' },
            now: new Date(),
            onBatch: sample,
          });
          const pg1 = pid ? procCpuSeconds(pid) : undefined;
          if (pg0 !== undefined && pg1 !== undefined) pgCpuSeconds = pg1 - pg0;
          return s;
        });
      await new Promise<void>((resolve, reject) => {
        out.once('error', reject);
        out.end(resolve);
      });
    } finally {
      clearInterval(timer);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    sample();
    if (stats.documents !== documents) throw new Error(`exported ${stats.documents} of ${documents} documents`);
    return {
      db: kind,
      documents,
      seedSeconds,
      seconds,
      docsPerSecond: documents / seconds,
      rssGrowthMb: (peak.rss - m0.rss) / MB,
      heapUsedGrowthMb: (peak.heapUsed - m0.heapUsed) / MB,
      heapTotalGrowthMb: (peak.heapTotal - m0.heapTotal) / MB,
      nodeCpuSeconds: (cpu.user + cpu.system) / 1e6,
      pgCpuSeconds,
      millionSeconds: (seconds * 1_000_000) / documents,
      fileMb: statSync(file).size / MB,
      batches: stats.batches,
      products: stats.products,
      customers: stats.customers,
      loadBefore,
      loadAfter: loadavg()[0],
    };
  } finally {
    await running.close();
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function describeSaftBench(f: SaftBenchFigures): string {
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  return [
    `SAF-T export on ${f.db}: ${f.documents} documents (${f.fileMb.toFixed(1)} MB, ${f.batches} batches, ` +
      `${f.products} products, ${f.customers} customers; seeded in ${f.seedSeconds.toFixed(1)} s)`,
    `  ${f.seconds.toFixed(2)} s, ${f.docsPerSecond.toFixed(0)} docs/s; goal ≤ 15 s at 100,000: ` +
      met(f.seconds * (100_000 / f.documents) <= 15),
    `  CPU: node ${f.nodeCpuSeconds.toFixed(2)} s` +
      (f.pgCpuSeconds === undefined ? '' : `, PostgreSQL backend ${f.pgCpuSeconds.toFixed(2)} s`) +
      ` (${((1000 * (f.nodeCpuSeconds + (f.pgCpuSeconds ?? 0))) / f.documents).toFixed(3)} ms per document)`,
    `  RSS growth ${f.rssGrowthMb.toFixed(1)} MB (peak; V8 heap used +${f.heapUsedGrowthMb.toFixed(1)} MB, ` +
      `reserved +${f.heapTotalGrowthMb.toFixed(1)} MB then); goal ≤ 50 MB: ${met(f.rssGrowthMb <= 50)}`,
    `  extrapolated to 1,000,000: ${(f.millionSeconds / 60).toFixed(1)} min; goal ≤ 3 min: ${met(f.millionSeconds <= 180)}`,
    `  load average (1 min) ${f.loadBefore.toFixed(2)} before, ${f.loadAfter.toFixed(2)} after`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const only = process.env.BENCH_DB;
  for (const db of ['postgres', 'pglite'] as const) {
    if (only && only !== db) continue;
    console.log(describeSaftBench(await benchSaft({ db })));
  }
}
