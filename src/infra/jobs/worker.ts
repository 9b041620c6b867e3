import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

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
  onError?: (job: Job, err: unknown) => void;
  /** Told how each job ended (done; failed and retried later; dead: given up) and how long it ran, for metrics. */
  onResult?: (job: Job, outcome: 'done' | 'retry' | 'dead', seconds: number) => void;
}

/**
 * Runs outbox jobs. Any number of processes may run a worker over one PostgreSQL: claiming uses
 * FOR UPDATE SKIP LOCKED, and a crashed worker's lease expires so another takes the job over.
 */
export class JobWorker {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = true;
  private pokes = 0;
  private idle: Promise<void> = Promise.resolve();
  private readonly o: Required<Omit<WorkerOptions, 'onError' | 'onResult'>> &
    Pick<WorkerOptions, 'onError' | 'onResult'>;

  constructor(
    private readonly db: Kysely<DB>,
    opts: WorkerOptions = {},
  ) {
    this.o = { batchSize: 10, pollMs: 1000, leaseSeconds: 60, backoffBaseMs: 2000, backoffMaxMs: 3_600_000, ...opts };
  }

  register(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
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

  /** Asks for a run now (after a commit that enqueued work), instead of at the next poll. */
  poke(): void {
    if (this.stopped) return;
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
    } catch {
      ran = 0; // the database is unavailable: try again at the next poll
    } finally {
      this.running = false;
      release();
    }
    if (!this.stopped) this.schedule(ran > 0 || this.pokes > 0 ? 0 : this.o.pollMs);
  }

  private async runBatch(): Promise<number> {
    const kinds = [...this.handlers.keys()];
    if (!kinds.length) return 0;
    const claimed = await sql<Job>`
      UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = now() + make_interval(secs => ${this.o.leaseSeconds}), updated_at = now()
      WHERE id IN (
        SELECT id FROM jobs
        WHERE kind = ANY(${kinds}) AND run_at <= now()
          AND (state = 'pending' OR (state = 'running' AND locked_until < now()))
        ORDER BY run_at, id
        LIMIT ${this.o.batchSize}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, account_id, kind, payload, attempts, max_attempts`.execute(this.db);
    for (const job of claimed.rows) await this.runOne(job);
    return claimed.rows.length;
  }

  private async runOne(job: Job): Promise<void> {
    const started = performance.now();
    try {
      await this.handlers.get(job.kind)!(job);
      await this.db
        .updateTable('jobs')
        .set({ state: 'done', locked_until: null, last_error: null, updated_at: sql`now()` })
        .where('id', '=', job.id)
        .execute();
      this.o.onResult?.(job, 'done', (performance.now() - started) / 1000);
    } catch (err) {
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
}
