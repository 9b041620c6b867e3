import type { Kysely } from 'kysely';
import type { DB } from '../../infra/db/schema.js';
import { PermanentJobError, type Job } from '../../infra/jobs/worker.js';
import type { EmailDeps } from './ports.js';
import { sendQueuedEmail } from './send-queued-email.js';

/** The outbox handler of `email.send`: throws to be retried with backoff, PermanentJobError once given up. */
export async function handleEmailJob(db: Kysely<DB>, deps: EmailDeps, job: Job, now: Date): Promise<void> {
  const emailId = Number(job.payload.emailId);
  if (!Number.isSafeInteger(emailId) || emailId < 1)
    throw new PermanentJobError(`Bad e-mail job payload ${JSON.stringify(job.payload)}`);
  const r = await sendQueuedEmail(db, deps, job.account_id, emailId, now);
  if (r.status === 'retry') throw new Error(r.error);
  if (r.status === 'failed') throw new PermanentJobError(r.error);
}
