import { Gauge } from 'prom-client';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Metrics } from './metrics.js';

/**
 * Gauges read at scrape time: the outbox's depth and age by job kind (from the `jobs` table, through the partial
 * index of pending and running jobs, so the cost does not grow with finished jobs) and this process's connections.
 * The outbox is shared by every process: take max(), not sum(), across processes.
 */
export function registerDatabaseGauges(metrics: Metrics, database: Database): void {
  const registers = [metrics.registry];
  const depth = new Gauge({
    name: 'faturador_outbox_jobs',
    help: 'Outbox jobs waiting (pending, including those backing off) or running, by kind.',
    labelNames: ['kind', 'state'] as const,
    registers,
    collect: () => read(),
  });
  const age = new Gauge({
    name: 'faturador_outbox_oldest_job_age_seconds',
    help: 'Age of the oldest job not yet done, by kind.',
    labelNames: ['kind'] as const,
    registers,
    collect: () => read(),
  });
  const due = new Gauge({
    name: 'faturador_outbox_due_lag_seconds',
    help: 'How long the longest-waiting due job has been due, by kind: the workers are behind by this.',
    labelNames: ['kind'] as const,
    registers,
    collect: () => read(),
  });
  let pending: Promise<void> | undefined;
  // One query fills the three gauges; each gauge's collect() awaits the same read.
  const read = () =>
    (pending ??= (async () => {
      try {
        const rows = (
          await sql<{ kind: string; state: string; n: number; age: number; lag: number | null }>`
        SELECT kind, state, count(*)::int AS n, extract(epoch FROM now() - min(created_at))::float8 AS age,
               extract(epoch FROM now() - min(run_at) FILTER (WHERE run_at <= now()))::float8 AS lag
        FROM jobs WHERE state IN ('pending', 'running') GROUP BY kind, state`.execute(database.db)
        ).rows;
        depth.reset();
        age.reset();
        due.reset();
        const oldest = new Map<string, number>();
        const lag = new Map<string, number>();
        for (const r of rows) {
          depth.set({ kind: r.kind, state: r.state }, r.n);
          oldest.set(r.kind, Math.max(oldest.get(r.kind) ?? 0, Number(r.age)));
          if (r.state === 'pending' && r.lag !== null) lag.set(r.kind, Math.max(lag.get(r.kind) ?? 0, Number(r.lag)));
        }
        for (const [kind, v] of oldest) age.set({ kind }, v);
        for (const [kind, v] of lag) due.set({ kind }, v);
      } catch {
        depth.reset();
        age.reset();
        due.reset(); // the database is unreachable: /readyz says so; metrics still answer
      }
    })().finally(() => {
      pending = undefined;
    }));

  new Gauge({
    name: 'faturador_db_pool_connections',
    help: 'Database connections of this process: total open, idle, requests waiting for one, and the maximum.',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const s = database.poolStats();
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
      this.set({ state: 'max' }, s.max);
    },
  });
}
