import { performance } from 'node:perf_hooks';
import type { Database } from '../src/infra/db/database.js';
import { createAccount } from '../src/app/accounts/create-account.js';
import { buildServer } from '../src/http/server.js';
import type { Config } from '../src/config.js';

export interface RunFigures {
  documents: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
}

export const BENCH_LINES = [
  { description: 'Consultoria', quantity: '2', unitPrice: '45.50', taxName: 'IVA23', productType: 'S' },
  { description: 'Material', quantity: '3', unitPrice: '12.3456', taxName: 'IVA13', discounts: ['5'] },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function figures(latencies: number[], seconds: number): RunFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { documents: latencies.length, seconds, perSecond: latencies.length / seconds, p50ms: percentile(sorted, 50), p99ms: percentile(sorted, 99) };
}

/** Runs `total` requests with `concurrency` workers; each measures its own latency. */
export async function closedLoop(total: number, concurrency: number, one: (i: number) => Promise<void>): Promise<RunFigures> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const t0 = performance.now();
      await one(i);
      latencies.push(performance.now() - t0);
    }
  }));
  return figures(latencies, (performance.now() - start) / 1000);
}

/** Create-and-finalize over real HTTP (server listening on loopback), one series. */
export async function benchHttpFinalize(database: Database, opts: { total: number; concurrency: number }): Promise<RunFigures> {
  const key = `ftr_test_bench_${Date.now()}_${'x'.repeat(40)}`;
  await database.db.transaction().execute((tx) => createAccount(tx, new Date(), { legalName: 'Bench, Lda', taxId: '503340855', owner: { email: `bench${Date.now()}@example.com` }, apiKey: key }));
  const config: Config = { host: '127.0.0.1', port: 0, dataDir: '', rateLimitPerMinute: 10_000_000, dbPoolSize: 20, logLevel: 'silent', publicUrl: 'http://127.0.0.1', runWorker: false };
  const app = await buildServer({ database, config, logger: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const body = JSON.stringify({ type: 'FR', finalize: true, customer: { name: 'Cliente Bench', taxId: '123456789' }, lines: BENCH_LINES });
    const post = async () => {
      const r = await fetch(`${url}/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
      if (r.status !== 201) throw new Error(`HTTP ${r.status}: ${await r.text()}`);
      await r.arrayBuffer();
    };
    for (let i = 0; i < 20; i++) await post(); // warm up
    return await closedLoop(opts.total, opts.concurrency, post);
  } finally {
    await app.close();
  }
}
