import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from './schema.js';
import { isRetryableTxError, retryTransaction } from './retry-transaction.js';

type Work<T> = (tx: Transaction<DB>) => Promise<T>;
/** Does the work of several items in one go (all or nothing), returning one result per payload, in order. */
export type Combiner<P, R> = (tx: Transaction<DB>, payloads: P[]) => Promise<R[]>;
interface Pending {
  work: Work<unknown>;
  combine?: { fn: Combiner<unknown, unknown>; payload: unknown };
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit. Work items for the same key (an account) that arrive while a batch is committing are run
 * together in the next single transaction: one failing item rolls back only itself (the others run again, each
 * in a savepoint), and the batch pays one commit (one WAL flush) instead of one per item. Items that share a
 * combiner (`runCombined`) are done by one call of it: documents issued in a few multi-row statements. Correctness
 * still comes from the database: the series counter row stays locked until the batch commits, across all processes.
 */
export class TransactionBatcher {
  private readonly queues = new Map<string, Pending[]>();
  private readonly active = new Set<string>();

  private readonly maxBatch: number;
  private readonly onBatch?: (size: number) => void;

  /** `onBatch` is told the size of every batch committed (group-commit metrics). */
  constructor(
    private readonly db: Kysely<DB>,
    opts: { maxBatch?: number; onBatch?: (size: number) => void } = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 64;
    this.onBatch = opts.onBatch;
  }

  run<T>(key: string, work: Work<T>): Promise<T> {
    return this.enqueue(key, { work: work as Work<unknown> });
  }

  /**
   * Like `run`, but the items of one batch that share `combine` are done by a single call of it. When that call
   * fails, each of its items is done alone (`combine` with one payload) in its own savepoint.
   */
  runCombined<P, R>(key: string, combine: Combiner<P, R>, payload: P): Promise<R> {
    const fn = combine as Combiner<unknown, unknown>;
    return this.enqueue(key, { work: async (tx) => (await fn(tx, [payload]))[0], combine: { fn, payload } });
  }

  private enqueue<T>(key: string, item: Pick<Pending, 'work' | 'combine'>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const q = this.queues.get(key) ?? [];
      q.push({ ...item, resolve: resolve as (v: unknown) => void, reject });
      this.queues.set(key, q);
      if (!this.active.has(key)) void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    this.active.add(key);
    try {
      while (this.queues.get(key)?.length) {
        // Let the requests already received reach the queue first. In-process PGlite (PGLITE_THREAD=0) answers in
        // microtasks, so a request that never waits for a macrotask would otherwise run to its response before the
        // next is read. On its thread, answers are messages (macrotasks) and this costs one turn of the loop.
        await new Promise((resolve) => setImmediate(resolve));
        await this.runBatch(key);
      }
    } finally {
      this.active.delete(key);
      this.queues.delete(key);
    }
  }

  /**
   * The batch is taken once the transaction holds its connection, not when the drain starts: the items that
   * arrive while it waits for one join it. On embedded PGlite (one connection, FIFO) that wait is exactly the time
   * the other requests need to finish their reads, so they are issued together instead of one by one.
   */
  private async runBatch(key: string): Promise<void> {
    // Optimistic first: the items run one after another with no savepoints (two round trips fewer each), and
    // the items sharing a combiner run as one call. When something fails, the whole transaction rolls back; a
    // failed plain item gets its error, and the rest run again, each alone in a savepoint. Work items only touch
    // the transaction they are given, so running one again is safe.
    let batch: Pending[] = [];
    const values = new Map<Pending, unknown>();
    let failed: { unit: Pending[]; error: unknown } | undefined;
    // A deadlock or serialization failure rolls back the whole batch, not one item: the batch runs again as it was.
    const attempt = () =>
      this.db.transaction().execute(async (tx) => {
        if (!batch.length) batch = this.queues.get(key)!.splice(0, this.maxBatch);
        failed = undefined;
        for (const unit of units(batch)) {
          try {
            if (unit.length === 1 && !unit[0].combine) values.set(unit[0], await unit[0].work(tx));
            else {
              const results = await unit[0].combine!.fn(
                tx,
                unit.map((p) => p.combine!.payload),
              );
              unit.forEach((p, i) => values.set(p, results[i]));
            }
          } catch (error) {
            failed = { unit, error };
            throw error;
          }
        }
      });
    try {
      await retryTransaction(attempt);
    } catch (error) {
      // No transaction to be had (the database is down): the items waiting get that error, not a retry loop.
      if (!batch.length) batch = this.queues.get(key)!.splice(0, this.maxBatch);
      if (!failed || batch.length === 1 || isRetryableTxError(error)) {
        for (const p of batch) p.reject(error);
        return;
      }
      let rest = batch;
      if (failed.unit.length === 1 && !failed.unit[0].combine) {
        failed.unit[0].reject(failed.error);
        rest = batch.filter((p) => p !== failed!.unit[0]);
      }
      if (rest.length === 1)
        await retryTransaction(() => this.db.transaction().execute(rest[0].work)).then(rest[0].resolve, rest[0].reject);
      else if (rest.length) await this.runWithSavepoints(rest);
      return;
    }
    this.onBatch?.(batch.length);
    for (const p of batch) p.resolve(values.get(p));
  }

  private async runWithSavepoints(batch: Pending[]): Promise<void> {
    let outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      // An item that met a deadlock may still hold, from earlier savepoints, what the other transaction waits
      // for: the whole transaction runs again rather than the item alone.
      await retryTransaction(() =>
        this.db.transaction().execute(async (tx) => {
          outcomes = [];
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
          const deadlocked = outcomes.find((o) => !o.ok && isRetryableTxError(o.error));
          if (deadlocked && !deadlocked.ok) throw deadlocked.error;
        }),
      );
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    const committed = outcomes.filter((o) => o.ok).length;
    if (committed) this.onBatch?.(committed);
    batch.forEach((p, i) => {
      const o = outcomes[i];
      if (o.ok) p.resolve(o.value);
      else p.reject(o.error);
    });
  }
}

/** Plain items alone, in order; the items sharing a combiner together, where the first of them stands. */
function units(batch: Pending[]): Pending[][] {
  const out: Pending[][] = [];
  const groups = new Map<Combiner<unknown, unknown>, Pending[]>();
  for (const p of batch) {
    if (!p.combine) {
      out.push([p]);
      continue;
    }
    const g = groups.get(p.combine.fn);
    if (g) g.push(p);
    else {
      const ng = [p];
      groups.set(p.combine.fn, ng);
      out.push(ng);
    }
  }
  return out;
}
