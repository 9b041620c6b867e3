import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from './schema.js';

type Work<T> = (tx: Transaction<DB>) => Promise<T>;
interface Pending { work: Work<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }

/**
 * Group commit. Work items for the same key (an account) that arrive while a batch is committing are run
 * together in the next single transaction, each inside its own savepoint: one failing item rolls back only
 * itself, and the batch pays one commit (one WAL flush) instead of one per item. Correctness still comes from
 * the database: the series counter row stays locked until the batch commits, across all processes.
 */
export class TransactionBatcher {
  private readonly queues = new Map<string, Pending[]>();
  private readonly active = new Set<string>();

  constructor(private readonly db: Kysely<DB>, private readonly maxBatch = 64) {}

  run<T>(key: string, work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const q = this.queues.get(key) ?? [];
      q.push({ work: work as Work<unknown>, resolve: resolve as (v: unknown) => void, reject });
      this.queues.set(key, q);
      if (!this.active.has(key)) void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    this.active.add(key);
    try {
      for (;;) {
        const q = this.queues.get(key);
        if (!q?.length) break;
        const batch = q.splice(0, this.maxBatch);
        await this.runBatch(batch);
      }
    } finally {
      this.active.delete(key);
      this.queues.delete(key);
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    if (batch.length === 1) {
      const [p] = batch;
      await this.db.transaction().execute(p.work).then(p.resolve, p.reject);
      return;
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.db.transaction().execute(async (tx) => {
        for (const [i, p] of batch.entries()) {
          const sp = sql.raw(`sp_${i}`);
          await sql`SAVEPOINT ${sp}`.execute(tx);
          try {
            const value = await p.work(tx);
            await sql`RELEASE SAVEPOINT ${sp}`.execute(tx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`ROLLBACK TO SAVEPOINT ${sp}`.execute(tx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i];
      if (o.ok) p.resolve(o.value); else p.reject(o.error);
    });
  }
}
