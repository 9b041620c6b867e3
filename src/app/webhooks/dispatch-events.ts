import { sql, type Kysely } from 'kysely';
import type { DB } from '../../infra/db/schema.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import type { WebhookEvent } from './emit-events.js';

export const WEBHOOK_DELIVER_JOB = 'webhook.deliver';
/** The outbox ceiling; deliveries give up after WEBHOOK_MAX_ATTEMPTS (config), checked by the handler. */
export const WEBHOOK_JOB_CEILING = 100;

/**
 * The `event.dispatch` handler: fans each event out to the endpoints subscribed to it that existed when it
 * happened — one delivery row and one `webhook.deliver` job each, in one transaction. Running twice (the
 * outbox is at-least-once) adds nothing: a delivery is unique per (endpoint, event).
 */
export async function dispatchEvents(db: Kysely<DB>, accountId: number, events: WebhookEvent[]): Promise<number> {
  return db.transaction().execute(async (tx) => {
    let queued = 0;
    for (const event of events) {
      const endpoints = await tx
        .selectFrom('webhook_endpoints')
        .select('id')
        .where('account_id', '=', accountId)
        .where('enabled', '=', true)
        .where(sql<boolean>`date_trunc('milliseconds', created_at) <= ${event.createdAt}::timestamptz`)
        .where(sql<boolean>`(events ? ${event.type} OR events ? '*')`)
        .orderBy('id')
        .execute();
      const body = JSON.stringify(event);
      for (const ep of endpoints) {
        const row = await tx
          .insertInto('webhook_deliveries')
          .values({
            account_id: accountId,
            endpoint_id: ep.id,
            event_id: event.id,
            event_type: event.type,
            payload: body,
          })
          .onConflict((oc) =>
            oc.columns(['account_id', 'endpoint_id', 'event_id']).where('redelivery_of', 'is', null).doNothing(),
          )
          .returning('id')
          .executeTakeFirst();
        if (!row) continue;
        await enqueueJob(tx, {
          accountId,
          kind: WEBHOOK_DELIVER_JOB,
          payload: { deliveryId: row.id },
          dedupeKey: String(row.id),
          maxAttempts: WEBHOOK_JOB_CEILING,
        });
        queued += 1;
      }
    }
    return queued;
  });
}
