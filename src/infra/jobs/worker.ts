import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { outboxWrittenWithin } from './outbox-writes.js';

export interface Job {
  id: number;
  account_id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

export type JobHandler = (job: Job) => Promise<void>;

/** A failure that will not get better with retries (bad data, refused for good). */
export class PermanentJobError extends Error {}

export interface WorkerOptions {
  /** Jobs claimed per poll. */
  batchSize?: number;
  /** Polling interval when idle, in ms. */
  pollMs?: number;
  /** How long a claimed job is reserved before another worker may take it over. */
  leaseSeconds?: number;
  /** Backoff of attempt n: min(baseMs × 2^(n−1), maxMs), with ±20% jitter. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How long a done job stays in the table (for a look at what just ran) before housekeeping deletes it. */
  keepDoneSeconds?: number;
  /** How often, at most, the running worker does its housekeeping between batches (purge, registered tasks). */
  housekeepingMs?: number;
  onError?: (job: Job, err: unknown) => void;
  /** Told how each job ended (done; failed and retried later; dead: given up) and how long it ran, for metrics. */
  onResult?: (job: Job, outcome: 'done' | 'retry' | 'dead', seconds: number) => void;
}

/** How long after queuing outbox work a write request's poke still wakes the worker (longer than a transaction). */
const RECENT_OUTBOX_WRITE_MS = 10_000;

/** Done jobs deleted per housekeeping statement (several statements while more are due). */
const PURGE_CHUNK = 5000;

/**
 * Runs outbox jobs. Any number of processes may run a worker over one PostgreSQL: claiming uses
 * FOR UPDATE SKIP LOCKED, and a crashed worker's lease expires so another takes the job over.
 *
 * A batch is claimed in one statement and its done jobs are recorded in one more; a failure is recorded at once,
 * on its own (its backoff differs per job). A crash mid-batch leaves the jobs whose outcome was not recorded
 * 'running' until their lease expires, and they run again: at-least-once, so handlers are idempotent.
 */
export class JobWorker {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = true;
  private pokes = 0;
  private idle: Promise<void> = Promise.resolve();
  private readonly housekeepingTasks: (() => Promise<unknown>)[] = [];
  private lastHousekeeping = performance.now();
  private readonly o: Required<Omit<WorkerOptions, 'onError' | 'onResult'>> &
    Pick<WorkerOptions, 'onError' | 'onResult'>;

  constructor(
    private readonly db: Kysely<DB>,
    opts: WorkerOptions = {},
  ) {
    this.o = {
      batchSize: 20,
      pollMs: 1000,
      leaseSeconds: 60,
      backoffBaseMs: 2000,
      backoffMaxMs: 3_600_000,
      keepDoneSeconds: 600,
      housekeepingMs: 15_000,
      ...opts,
    };
  }

  register(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  /** Adds a task to the housekeeping (e.g. statistics), run by the started worker, never two at once. */
  addHousekeeping(task: () => Promise<unknown>): this {
    this.housekeepingTasks.push(task);
    return this;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle;
  }

  /**
   * Asks for a run now (after a commit that may have enqueued work), instead of at the next poll; nothing when this
   * process queued no outbox work lately (`outbox-writes.ts`): a claim statement per write request for nothing.
   */
  poke(): void {
    if (this.stopped || !outboxWrittenWithin(RECENT_OUTBOX_WRITE_MS)) return;
    this.pokes += 1;
    if (!this.running) this.schedule(0);
  }

  /** Runs due jobs until none is left; for tests and the CLI. Returns how many ran. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runBatch();
      total += n;
      if (n === 0) return total;
    }
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.tick();
    }, ms);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    let release!: () => void;
    this.idle = new Promise((r) => {
      release = r;
    });
    let ran = 0;
    try {
      this.pokes = 0;
      ran = await this.runBatch();
      if (performance.now() - this.lastHousekeeping >= this.o.housekeepingMs) await this.housekeep().catch(() => {});
    } catch {
      ran = 0; // the database is unavailable: try again at the next poll
    } finally {
      this.running = false;
      release();
    }
    if (!this.stopped) this.schedule(ran > 0 || this.pokes > 0 ? 0 : this.o.pollMs);
  }

  /**
   * Deletes the done jobs older than `keepDoneSeconds` (dead ones stay for inspection), then runs the registered
   * tasks. Called by the started worker every `housekeepingMs`; public for tests and the CLI.
   */
  async housekeep(): Promise<void> {
    this.lastHousekeeping = performance.now();
    try {
      await this.purgeDone();
      for (const task of this.housekeepingTasks) await task();
    } finally {
      this.lastHousekeeping = performance.now();
    }
  }

  private async purgeDone(): Promise<void> {
    for (;;) {
      // Oldest first along the primary key, then deleted by key (= ANY(ARRAY(…)): no scan of the table to join);
      // SKIP LOCKED: workers of other processes purging at once do not wait for each other.
      const { numAffectedRows } = await sql`
        DELETE FROM jobs WHERE id = ANY(ARRAY(
          SELECT id FROM jobs
          WHERE state = 'done' AND updated_at < now() - make_interval(secs => ${this.o.keepDoneSeconds})
          ORDER BY id
          LIMIT ${PURGE_CHUNK}
          FOR UPDATE SKIP LOCKED))`.execute(this.db);
      if (Number(numAffectedRows ?? 0) < PURGE_CHUNK) return;
    }
  }

  private async runBatch(): Promise<number> {
    const kinds = [...this.handlers.keys()];
    if (!kinds.length) return 0;
    // The predicate and order of the partial index jobs_claim (migration 0016): the scan stops at the batch size.
    // RETURNING has no order of its own: the batch runs in the claim's order.
    const claimed = await sql<Job>`
      WITH claimed AS (
        UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = now() + make_interval(secs => ${this.o.leaseSeconds}), updated_at = now()
        WHERE id IN (
          SELECT id FROM jobs
          WHERE state IN ('pending', 'running') AND run_at <= now() AND kind = ANY(${kinds})
            AND (state = 'pending' OR locked_until < now())
          ORDER BY run_at, id
          LIMIT ${this.o.batchSize}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, account_id, kind, payload, attempts, max_attempts, run_at)
      SELECT id, account_id, kind, payload, attempts, max_attempts FROM claimed ORDER BY run_at, id`.execute(this.db);
    const claimedAt = performance.now();
    let done: { job: Job; seconds: number }[] = [];
    for (const job of claimed.rows) {
      const started = performance.now();
      try {
        await this.handlers.get(job.kind)!(job);
        done.push({ job, seconds: (performance.now() - started) / 1000 });
      } catch (err) {
        await this.recordFailure(job, err, started);
      }
      // A slow batch records what is done before half the lease has gone, so no other worker takes it over.
      if (done.length && performance.now() - claimedAt > this.o.leaseSeconds * 500) {
        await this.recordDone(done);
        done = [];
      }
    }
    await this.recordDone(done);
    return claimed.rows.length;
  }

  /** The done jobs of a batch in one statement. */
  private async recordDone(done: { job: Job; seconds: number }[]): Promise<void> {
    if (!done.length) return;
    await this.db
      .updateTable('jobs')
      .set({ state: 'done', locked_until: null, last_error: null, updated_at: sql`now()` })
      .where(
        'id',
        'in',
        done.map((d) => d.job.id),
      )
      .execute();
    for (const d of done) this.o.onResult?.(d.job, 'done', d.seconds);
  }

  private async recordFailure(job: Job, err: unknown, started: number): Promise<void> {
    this.o.onError?.(job, err);
    const message = err instanceof Error ? err.message : String(err);
    const dead = err instanceof PermanentJobError || job.attempts >= job.max_attempts;
    const delay =
      Math.min(this.o.backoffBaseMs * 2 ** (job.attempts - 1), this.o.backoffMaxMs) * (0.8 + Math.random() * 0.4);
    await this.db
      .updateTable('jobs')
      .set({
        state: dead ? 'dead' : 'pending',
        locked_until: null,
        last_error: message.slice(0, 2000),
        updated_at: sql`now()`,
        run_at: sql`now() + make_interval(secs => ${delay / 1000})`,
      })
      .where('id', '=', job.id)
      .execute();
    this.o.onResult?.(job, dead ? 'dead' : 'retry', (performance.now() - started) / 1000);
  }
}
