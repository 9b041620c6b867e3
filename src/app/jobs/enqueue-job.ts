import { sql, type RawBuilder } from 'kysely';
import { noteOutboxWrite } from '../../infra/jobs/outbox-writes.js';
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
  noteOutboxWrite();
  await tx
    .insertInto('jobs')
    .values({
      account_id: job.accountId,
      kind: job.kind,
      payload: JSON.stringify(job.payload),
      dedupe_key: job.dedupeKey ?? null,
      run_at: job.delayMs ? (sql<string>`now() + make_interval(secs => ${job.delayMs / 1000})` as never) : undefined,
      max_attempts: job.maxAttempts ?? 10,
    })
    .onConflict((oc) =>
      oc
        .columns(['account_id', 'kind', 'dedupe_key'])
        .where('dedupe_key', 'is not', null)
        .where('state', 'in', ['pending', 'running'])
        .doNothing(),
    )
    .execute();
}

/**
 * The rows of several conditional outbox inserts in ONE statement: each part is a SELECT of
 * (account_id, kind, payload, dedupe_key, max_attempts) that yields zero or one row. Deduplicated like
 * `enqueueJob`; parts without a dedupe key never conflict.
 */
export async function enqueueJobRows(tx: Tx, parts: (RawBuilder<unknown> | null)[]): Promise<void> {
  const insert = jobsInsert(parts);
  if (insert && (await insert.execute(tx)).rows.length) noteOutboxWrite();
}

/**
 * The INSERT of `enqueueJobRows` (RETURNING the new jobs' ids), for a statement that queues jobs with other work
 * (a CTE); null when there are no parts. Whoever runs it calls `noteOutboxWrite` when it returned a row.
 */
export function jobsInsert(parts: (RawBuilder<unknown> | null)[]): RawBuilder<{ id: number }> | null {
  const selects = parts.filter((p): p is RawBuilder<unknown> => p !== null);
  if (!selects.length) return null;
  return sql<{ id: number }>`
    INSERT INTO jobs (account_id, kind, payload, dedupe_key, max_attempts)
    ${sql.join(
      selects.map((s) => sql`(${s})`),
      sql` UNION ALL `,
    )}
    ON CONFLICT (account_id, kind, dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ('pending', 'running') DO NOTHING
    RETURNING id`;
}

/** Job rows as ONE outbox SELECT part (see `enqueueJobRows`), or null when there are none. */
export function jobRows(jobs: JobRequest[]): RawBuilder<unknown> | null {
  if (!jobs.length) return null;
  const rows = jobs.map((j) => ({
    account_id: j.accountId,
    kind: j.kind,
    payload: j.payload,
    dedupe_key: j.dedupeKey ?? null,
    max_attempts: j.maxAttempts ?? 10,
  }));
  return sql`SELECT account_id, kind, payload, dedupe_key, max_attempts
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS j(account_id bigint, kind text, payload jsonb, dedupe_key text, max_attempts integer)`;
}
