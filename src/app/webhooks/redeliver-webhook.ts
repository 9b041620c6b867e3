import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { WEBHOOK_DELIVER_JOB, WEBHOOK_JOB_CEILING } from './dispatch-events.js';

/**
 * Sends a delivery's event again, as a new delivery (its own id and attempts, `redeliveryOf` the original)
 * with the same event id and body: receivers that deduplicate on the event id process it once.
 */
export async function redeliverWebhook(tx: Tx, accountId: number, deliveryId: number): Promise<number> {
  const d = await tx
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', (j) =>
      j.onRef('e.account_id', '=', 'd.account_id').onRef('e.id', '=', 'd.endpoint_id'),
    )
    .select(['d.endpoint_id', 'd.event_id', 'd.event_type', 'd.payload', 'd.document_id', 'e.enabled'])
    .where('d.account_id', '=', accountId)
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
  if (!d) throw notFound('webhook delivery', deliveryId);
  if (!d.enabled) throw new DomainError('conflict', 'The endpoint is disabled; enable it to redeliver.');
  const row = await tx
    .insertInto('webhook_deliveries')
    .values({
      account_id: accountId,
      endpoint_id: d.endpoint_id,
      event_id: d.event_id,
      event_type: d.event_type,
      payload: d.payload,
      document_id: d.document_id,
      redelivery_of: deliveryId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueJob(tx, {
    accountId,
    kind: WEBHOOK_DELIVER_JOB,
    payload: { deliveryId: row.id },
    dedupeKey: String(row.id),
    maxAttempts: WEBHOOK_JOB_CEILING,
  });
  return row.id;
}
