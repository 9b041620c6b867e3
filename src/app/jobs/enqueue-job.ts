import { sql } from 'kysely';
import type { Tx } from '../context.js';

export interface JobRequest {
  accountId: number;
  kind: string;
  payload: Record<string, unknown>;
  /** At most one pending job per (account, kind, key): re-enqueuing the same work is a no-op. */
  dedupeKey?: string;
  /** Delay before the first attempt, in milliseconds. */
  delayMs?: number;
  maxAttempts?: number;
}

/** Adds work to the durable outbox inside the caller's transaction: it exists only if the change commits. */
export async function enqueueJob(tx: Tx, job: JobRequest): Promise<void> {
  await tx.insertInto('jobs').values({
    account_id: job.accountId, kind: job.kind, payload: JSON.stringify(job.payload), dedupe_key: job.dedupeKey ?? null,
    run_at: job.delayMs ? sql<string>`now() + make_interval(secs => ${job.delayMs / 1000})` as never : undefined,
    max_attempts: job.maxAttempts ?? 10,
  }).onConflict((oc) => oc.columns(['account_id', 'kind', 'dedupe_key']).where('dedupe_key', 'is not', null).where('state', 'in', ['pending', 'running']).doNothing())
    .execute();
}
