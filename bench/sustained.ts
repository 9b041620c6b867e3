import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Database } from '../src/infra/db/database.js';
import { startClient } from './client.js';
import { percentile, type RunFigures } from './closed-loop.js';
import { nodeCpuMs, PostgresCpu } from './cpu.js';
import { load } from './report.js';
import type { BenchServer } from './server.js';

export const BENCH_LINES = [
  { description: 'Consultoria', quantity: '2', unitPrice: '45.50', taxName: 'IVA23', productType: 'S' },
  { description: 'Material', quantity: '3', unitPrice: '12.3456', taxName: 'IVA13', discounts: ['5'] },
];

/** The document every throughput figure issues: an FR of two lines, created and finalized in one call. */
export const ISSUE_BODY = JSON.stringify({
  type: 'FR',
  finalize: true,
  customer: { name: 'Cliente Bench', taxId: '123456789' },
  lines: BENCH_LINES,
});

/** The histogram records the whole interval between its timer's runs: the delay is that minus the resolution. */
const LOOP_RESOLUTION_MS = 1;
/** The same invoice as an InvoiceXpress client sends it (items keyed by name), for the dialect's figure. */
export const IX_BODY = JSON.stringify({
  invoice: {
    client: { name: 'Cliente Bench', code: 'BENCH-1', fiscal_id: '123456789' },
    items: [
      { name: 'Consultoria', description: 'Consultoria', quantity: '2', unit_price: '45.50', tax: { name: 'IVA23' } },
      {
        name: 'Material',
        description: 'Material',
        quantity: '3',
        unit_price: '12.3456',
        discount: '5',
        tax: { name: 'IVA13' },
      },
    ],
  },
});

const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_DRAIN_TIMEOUT_S ?? 300) * 1000;

/** The bench account's jobs not yet done (pending, running, or waiting for a retry) and those given up. */
export async function outbox(database: Database, accountId: number): Promise<{ open: number; dead: number }> {
  const r = await sql<{ open: string; dead: string }>`
    SELECT count(*) FILTER (WHERE state IN ('pending', 'running')) AS open, count(*) FILTER (WHERE state = 'dead') AS dead
    FROM jobs WHERE account_id = ${accountId}`.execute(database.db);
  return { open: Number(r.rows[0].open), dead: Number(r.rows[0].dead) };
}

async function waitDrained(database: Database, accountId: number, deadline: number): Promise<boolean> {
  for (;;) {
    if ((await outbox(database, accountId)).open === 0) return true;
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Sustained {
  concurrency: number;
  answered: RunFigures;
  /** Seconds from the first request until the outbox had no pending or running job (undefined: not within the timeout). */
  drainedSeconds?: number;
  drainedPerSecond?: number;
  deadJobs: number;
  nodeCpuMsPerDoc: number;
  /** undefined on PGlite (its CPU is Node's) or when /proc of the PostgreSQL backends is unreadable. */
  pgCpuMsPerDoc?: number;
  /** The server process's event-loop delay over the whole window (answers and drain), ms. */
  loopP99ms: number;
  loopMaxMs: number;
  /** A cheap GET every 20 ms from another process over the whole window. */
  probe: RunFigures;
  /** Requests waiting for a pooled connection (PostgreSQL), sampled every 5 ms over the window: p90 and max. */
  poolWaitingP90: number;
  poolWaitingMax: number;
  load: number;
}

/**
 * One sustained run on a running server: the outbox empty first, then `total` create-and-finalize requests,
 * `concurrency` at a time, from a client process, while a second process GETs `probePath`; timed until the last
 * answer (answered docs/s) and until the outbox is empty again (drained docs/s). CPU from /proc over the window.
 */
export async function sustainedRun(
  server: BenchServer,
  opts: { total: number; concurrency: number; probePath?: string; api?: 'native' | 'invoicexpress'; body?: string },
): Promise<Sustained> {
  const database = server.running.database;
  const deadBefore = (await outbox(database, server.accountId)).dead;
  const client = await startClient({
    mode: 'issue',
    api: opts.api,
    url: server.url,
    key: server.key,
    body: opts.body ?? (opts.api === 'invoicexpress' ? IX_BODY : ISSUE_BODY),
    total: opts.total,
    concurrency: opts.concurrency,
    warmup: Math.min(20, opts.concurrency * 2),
  });
  const probe = await startClient({
    mode: 'probe',
    url: server.url,
    key: server.key,
    path: opts.probePath ?? '/v1/taxes',
    intervalMs: 20,
  });
  try {
    await waitDrained(database, server.accountId, performance.now() + DRAIN_TIMEOUT_MS); // the warm-up's jobs are not the window's
    const pgCpu = database.kind === 'postgres' ? await PostgresCpu.start(database) : undefined;
    const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    const waiting: number[] = [];
    const poolSampler = setInterval(() => waiting.push(database.poolStats().waiting), 5);
    const cpu0 = nodeCpuMs();
    const t0 = performance.now();
    loop.enable();
    const probed = probe.go();
    const answered = await client.go();
    await pgCpu?.refresh();
    const drained = await waitDrained(database, server.accountId, performance.now() + DRAIN_TIMEOUT_MS);
    const drainedSeconds = drained ? (performance.now() - t0) / 1000 : undefined;
    loop.disable();
    clearInterval(poolSampler);
    waiting.sort((a, b) => a - b);
    probe.stop();
    const nodeCpu = nodeCpuMs() - cpu0;
    const pgMs = await pgCpu?.stop();
    const docs = answered.documents;
    return {
      concurrency: opts.concurrency,
      answered,
      drainedSeconds,
      drainedPerSecond: drainedSeconds === undefined ? undefined : docs / drainedSeconds,
      deadJobs: (await outbox(database, server.accountId)).dead - deadBefore,
      nodeCpuMsPerDoc: nodeCpu / docs,
      pgCpuMsPerDoc: pgMs === undefined ? undefined : pgMs / docs,
      loopP99ms: Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
      loopMaxMs: Math.max(0, loop.max / 1e6 - LOOP_RESOLUTION_MS),
      probe: await probed,
      poolWaitingP90: percentile(waiting, 90) ?? 0,
      poolWaitingMax: waiting[waiting.length - 1] ?? 0,
      load: load(),
    };
  } finally {
    client.kill();
    probe.kill();
  }
}
