import type { Kysely } from 'kysely';
import type { DB } from '../../infra/db/schema.js';
import { PermanentJobError, type Job } from '../../infra/jobs/worker.js';
import { deliverWebhook } from './deliver-webhook.js';
import { dispatchEvents } from './dispatch-events.js';
import type { QueuedEvent } from './emit-events.js';
import type { VendorWebhookFormats, WebhookDeps } from './ports.js';

/** `event.dispatch`: fan out; a database failure is retried, the fan-out is idempotent. */
export async function handleEventDispatchJob(db: Kysely<DB>, job: Job, formats?: VendorWebhookFormats): Promise<void> {
  const events = (job.payload as { events?: QueuedEvent[] }).events;
  if (!Array.isArray(events))
    throw new PermanentJobError(`Bad event.dispatch payload ${JSON.stringify(job.payload).slice(0, 200)}`);
  await dispatchEvents(db, job.account_id, events, formats);
}

/** `webhook.deliver`: throws to be retried with backoff, PermanentJobError once the delivery is given up. */
export async function handleWebhookDeliverJob(db: Kysely<DB>, deps: WebhookDeps, job: Job, now: Date): Promise<void> {
  const deliveryId = Number(job.payload.deliveryId);
  if (!Number.isSafeInteger(deliveryId) || deliveryId < 1)
    throw new PermanentJobError(`Bad webhook.deliver payload ${JSON.stringify(job.payload)}`);
  const r = await deliverWebhook(db, deps, job.account_id, deliveryId, now);
  if (r.status === 'retry') throw new Error(r.error);
  if (r.status === 'failed') throw new PermanentJobError(r.error);
}
