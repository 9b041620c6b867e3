import type { Kysely } from 'kysely';
import type { DB } from '../../infra/db/schema.js';
import { PermanentJobError, type Job } from '../../infra/jobs/worker.js';
import { communicateDocument } from './communicate-document.js';
import type { AtJobPayload } from './enqueue-at-communication.js';
import type { AtDeps } from './ports.js';

/**
 * The outbox handler of `at.transport` and `at.invoice`: throws to be retried with backoff when AT is
 * unavailable, PermanentJobError when AT refused (the log keeps AT's answer; the document stays finalized).
 */
export async function handleAtJob(db: Kysely<DB>, deps: AtDeps, job: Job, now: Date): Promise<void> {
  const p = job.payload as Partial<AtJobPayload>;
  const documentId = Number(p.documentId);
  if (!Number.isSafeInteger(documentId) || (p.event !== 'issue' && p.event !== 'cancel'))
    throw new PermanentJobError(`Bad AT job payload ${JSON.stringify(job.payload)}`);
  const r = await communicateDocument(db, deps, job.account_id, documentId, p.event, {
    now,
    jobId: job.id,
    attempt: job.attempts,
    lastAttempt: job.attempts >= job.max_attempts,
  });
  const what = `${r.operation ?? 'AT'}${r.code ? ` ${r.code}` : ''}: ${r.message}`;
  if (r.status === 'retryable') throw new Error(what);
  if (r.status === 'permanent') throw new PermanentJobError(what);
}
