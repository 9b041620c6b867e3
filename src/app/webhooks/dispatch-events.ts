import { sql, type Kysely } from 'kysely';
import type { DB } from '../../infra/db/schema.js';
import type { IssuedDocument } from '../../domain/documents/issued-document.js';
import { webhookDocument } from '../../domain/webhooks/document-payload.js';
import type { Tx } from '../context.js';
import { loadIssuedDocuments } from '../documents/load-issued-documents.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import type { QueuedEvent, WebhookEvent } from './emit-events.js';
import type { VendorEndpoint, VendorWebhookFormats } from './ports.js';

export const WEBHOOK_DELIVER_JOB = 'webhook.deliver';
/** The outbox ceiling; deliveries give up after WEBHOOK_MAX_ATTEMPTS (config), checked by the handler. */
export const WEBHOOK_JOB_CEILING = 100;

/**
 * The `event.dispatch` handler: fans each event out to the endpoints subscribed to it that existed when it
 * happened — one delivery row and one `webhook.deliver` job each, in one transaction. Running twice (the
 * outbox is at-least-once) adds nothing: a delivery is unique per (endpoint, event). The body of a document
 * event is built here, off the issuing transaction, from the IssuedDocument model (one load for all the
 * job's documents) and the state the event recorded. An endpoint in a vendor's format gets the body that format
 * builds from the same event (`formats`), or nothing when its subscription does not take the event.
 */
export async function dispatchEvents(
  db: Kysely<DB>,
  accountId: number,
  events: QueuedEvent[],
  formats: VendorWebhookFormats = {},
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const fanOut: { event: QueuedEvent; endpoints: Endpoint[] }[] = [];
    for (const event of events) {
      const endpoints = await tx
        .selectFrom('webhook_endpoints')
        .select(['id', 'format', 'vendor_entity_type', 'vendor_update_type'])
        .where('account_id', '=', accountId)
        .where('enabled', '=', true)
        .where(sql<boolean>`date_trunc('milliseconds', created_at) <= ${event.createdAt}::timestamptz`)
        .where(sql<boolean>`(events ? ${event.type} OR events ? '*')`)
        .orderBy('id')
        .execute();
      if (endpoints.length) fanOut.push({ event, endpoints });
    }
    const docs = await issuedDocumentsOf(
      tx,
      accountId,
      fanOut.map((f) => f.event),
    );
    let queued = 0;
    for (const { event, endpoints } of fanOut) {
      const delivered = deliveredEvent(event, docs);
      const native = JSON.stringify(delivered);
      for (const endpoint of endpoints) {
        const body =
          endpoint.format === 'native' ? native : await vendorBody(tx, accountId, delivered, endpoint, formats);
        if (body === null) continue;
        const endpointId = endpoint.id;
        const row = await tx
          .insertInto('webhook_deliveries')
          .values({
            account_id: accountId,
            endpoint_id: endpointId,
            event_id: event.id,
            event_type: event.type,
            payload: body,
            // The console lists a document's deliveries by it (migration 0038).
            document_id: event.document?.id ?? (delivered.data.document as { id?: number } | undefined)?.id ?? null,
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

interface Endpoint {
  id: number;
  format: string;
  vendor_entity_type: string | null;
  vendor_update_type: string | null;
}

function vendorBody(
  tx: Tx,
  accountId: number,
  event: WebhookEvent,
  e: Endpoint,
  formats: VendorWebhookFormats,
): Promise<string | null> {
  const format = formats[e.format as VendorEndpoint['format']];
  if (!format) return Promise.resolve(null);
  return format.body(tx, accountId, event, {
    id: e.id,
    format: e.format as VendorEndpoint['format'],
    vendorEntityType: e.vendor_entity_type,
    vendorUpdateType: e.vendor_update_type,
  });
}

async function issuedDocumentsOf(tx: Tx, accountId: number, events: QueuedEvent[]) {
  const ids = events.flatMap((e) => (e.document ? [e.document.id] : []));
  return new Map((await loadIssuedDocuments(tx, accountId, ids)).map((d) => [d.id, d]));
}

/** The body receivers get: `data.document` (first, then the event's own data) when the event names a document. */
function deliveredEvent(queued: QueuedEvent, docs: Map<number, IssuedDocument>): WebhookEvent {
  const { document: state, ...event } = queued;
  const doc = state ? docs.get(state.id) : undefined;
  return doc && state ? { ...event, data: { document: webhookDocument(doc, state), ...event.data } } : event;
}
