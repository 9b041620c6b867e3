import type { WebhookDeliveryStatus } from '../../infra/db/schema.js';
import type { Tx } from '../context.js';
import { paginate, type PageRequest } from '../pagination.js';

export interface DeliveryFilter {
  endpointId?: number;
  ids?: number[];
  statuses?: WebhookDeliveryStatus[];
  eventTypes?: string[];
  eventId?: string;
  /** The deliveries of events about this document (migration 0038). */
  documentId?: number;
}

/** Deliveries, newest first, each with its attempts (status code, response excerpt, duration). */
export async function listWebhookDeliveries(tx: Tx, accountId: number, f: DeliveryFilter, page: PageRequest) {
  let base = tx.selectFrom('webhook_deliveries').where('account_id', '=', accountId);
  if (f.endpointId !== undefined) base = base.where('endpoint_id', '=', f.endpointId);
  if (f.ids) base = base.where('id', 'in', f.ids.length ? f.ids : [0]);
  if (f.statuses?.length) base = base.where('status', 'in', f.statuses);
  if (f.eventTypes?.length) base = base.where('event_type', 'in', f.eventTypes);
  if (f.eventId) base = base.where('event_id', '=', f.eventId);
  if (f.documentId !== undefined) base = base.where('document_id', '=', f.documentId);
  const result = await paginate(base.selectAll().orderBy('id', 'desc'), base, page);
  const ids = result.items.map((d) => d.id);
  const attempts =
    ids.length === 0
      ? []
      : await tx
          .selectFrom('webhook_delivery_attempts')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('delivery_id', 'in', ids)
          .orderBy('delivery_id')
          .orderBy('id')
          .execute();
  return { ...result, items: result.items.map((d) => ({ ...d, log: attempts.filter((a) => a.delivery_id === d.id) })) };
}
