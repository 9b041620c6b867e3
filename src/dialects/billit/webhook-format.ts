import { createHmac } from 'node:crypto';
import { loadOrders } from '../../app/billit/load-orders.js';
import type { VendorWebhookFormat } from '../../app/webhooks/ports.js';
import { billitDateTime } from './dates.js';
import { orderView } from './views/order.js';

/**
 * Billit's webhooks: what an EntityType/EntityUpdateType subscription receives, its body and its signature.
 *
 * The core events each subscription maps to. Order I: an order is issued. Order U: its payment or delivery state
 * changed. Message I: a send went out (Peppol access point, or e-mail); Message U: its outcome (delivered, refused,
 * failed). D: none — Billit fires no hook when an order is deleted (C relies on it), so such a subscription never fires.
 * For the same reason a cancellation is no Order U: Billit's DELETE of an unsent issued order cancels it.
 */
export const BILLIT_SUBSCRIPTIONS: Record<'Order' | 'Message', Record<'I' | 'U' | 'D', string[]>> = {
  Order: {
    I: ['document.finalized'],
    U: [
      'document.settled',
      'document.paid',
      'document.peppol.sent',
      'document.peppol.delivered',
      'document.peppol.refused',
      'document.peppol.failed',
    ],
    D: [],
  },
  Message: {
    I: ['document.peppol.sent', 'email.delivered'],
    U: ['document.peppol.delivered', 'document.peppol.refused', 'document.peppol.failed', 'email.failed'],
    D: [],
  },
};

/** Billit's most webhooks per company (D webhooks.md). */
export const BILLIT_MAX_WEBHOOKS = 4;

/** `Billit-Signature: t=<unix>,s=<hex HMAC-SHA256(secret, "<t>.<body>")>` (D verify-signature.md, as T verifies it). */
export function billitSignature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},s=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** Billit's EInvoiceFlowState of a send, from the core event. */
function flowState(type: string): string {
  if (type.endsWith('.delivered')) return 'Delivered';
  if (type.endsWith('.refused') || type.endsWith('.failed')) return 'Refused';
  return 'Sent';
}

interface EventData {
  document?: { id?: number };
  transmission?: {
    id?: number;
    transport?: string;
    receiver?: string | null;
    reason?: string | null;
    attempts?: number;
    createdAt?: string;
    status?: string;
  };
  email?: { id?: number; to?: string[]; attempt?: number; sentAt?: string | null };
}

export const billitWebhookFormat: VendorWebhookFormat = {
  async body(tx, accountId, event, endpoint) {
    const entity = endpoint.vendorEntityType === 'Message' ? 'Message' : 'Order';
    const update = endpoint.vendorUpdateType === 'U' ? 'U' : endpoint.vendorUpdateType === 'I' ? 'I' : null;
    if (!update || !BILLIT_SUBSCRIPTIONS[entity][update].includes(event.type)) return null;
    const data = event.data as EventData;
    const documentId = data.document?.id;
    if (!documentId) return null;
    const [record] = await loadOrders(tx, accountId, [documentId]);
    if (!record) return null;
    const order = orderView(record);
    let entityId = order.OrderID as number;
    let detail: Record<string, unknown> = order;
    if (entity === 'Message') {
      const t = data.transmission;
      const e = data.email;
      const isEmail = !t || t.transport === 'email';
      entityId = t?.id ?? e?.id ?? entityId;
      // Both shapes receivers read: the order's flat fields (C reads EntityDetail.OrderID) and D's nested message.
      detail = {
        ...order,
        OrderMessage: {
          OrderMessageID: entityId,
          OrderID: order.OrderID,
          TransportType: isEmail ? 'SMTP' : 'Peppol',
          Destination: t?.receiver ?? e?.to?.join(', ') ?? null,
          MessageDirection: 'Outgoing',
          Success: !event.type.endsWith('.refused') && !event.type.endsWith('.failed'),
          Trials: t?.attempts ?? e?.attempt ?? 1,
          Description: t?.reason ?? null,
          CreationDate: billitDateTime(t?.createdAt ?? event.createdAt),
        },
        AdditionalMessageInformation: { EInvoiceFlowState: flowState(event.type) },
      };
    }
    // Compact JSON of plain numbers and strings: a receiver that re-serialises the parsed body gets these bytes.
    return JSON.stringify({
      UpdatedEntityID: entityId,
      UpdatedEntityType: entity,
      WebhookUpdateTypeTC: update,
      EntityDetail: detail,
    });
  },
  headers(secret, timestamp, body) {
    return {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Faturador-Billit-Webhooks/1',
      'Billit-Signature': billitSignature(secret, timestamp, body),
    };
  },
};
