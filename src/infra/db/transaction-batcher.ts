import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from './schema.js';

type Work<T> = (tx: Transaction<DB>) => Promise<T>;
interface Pending { work: Work<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }

/**
 * Group commit. Work items for the same key (an account) that arrive while a batch is committing are run
 * together in the next single transaction: one failing item rolls back only itself (the others run again, each
 * in a savepoint), and the batch pays one commit (one WAL flush) instead of one per item. Correctness still comes from
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
    // Optimistic first: the items run one after another with no savepoints (two round trips fewer each). When
    // one fails, the whole transaction rolls back, that item gets its error, and the others run again with a
    // savepoint each. Work items only touch the transaction they are given, so running one again is safe.
    const values: unknown[] = [];
    let failed: { index: number; error: unknown } | undefined;
    try {
      await this.db.transaction().execute(async (tx) => {
        for (const [i, p] of batch.entries()) {
          try {
            values.push(await p.work(tx));
          } catch (error) {
            failed = { index: i, error };
            throw error;
          }
        }
      });
    } catch (error) {
      if (!failed) {
        for (const p of batch) p.reject(error);
        return;
      }
      const { index, error: itemError } = failed;
      batch[index].reject(itemError);
      const rest = batch.filter((_, i) => i !== index);
      if (rest.length === 1) await this.db.transaction().execute(rest[0].work).then(rest[0].resolve, rest[0].reject);
      else await this.runWithSavepoints(rest);
      return;
    }
    batch.forEach((p, i) => p.resolve(values[i]));
  }

  private async runWithSavepoints(batch: Pending[]): Promise<void> {
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
