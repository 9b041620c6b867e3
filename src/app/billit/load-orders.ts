import type { Selectable } from 'kysely';
import type { BillitOrdersTable } from '../../infra/db/schema.js';
import type { Tx } from '../context.js';
import type { DocumentView } from '../documents/get-document.js';
import { getDocuments } from '../documents/get-documents.js';

/** Billit's bookkeeping of an order (billit_orders), or its defaults when the order never had any. */
export interface OrderTracking {
  /** Billit's OrderType as created (Offer, OrderForm, DeliveryNote…); null: the document type's own. */
  orderType: string | null;
  /** The OrderNumber the client sent, when it differs from the legal number. */
  orderNumber: string | null;
  paid: boolean | null;
  paidDate: string | null;
  isSent: boolean;
  approvalStatus: string | null;
  accountCode: string | null;
  internalInfo: string | null;
  invoiced: boolean | null;
  accountantVerificationNeeded: boolean;
  orderPdfFileId: string | null;
  attachmentFileIds: string[];
  deletedAt: string | null;
  updatedAt: string | null;
}

/** One delivery of the document (Peppol or e-mail), oldest first: Billit's `Messages[]`. */
export interface OrderDelivery {
  transport: 'peppol' | 'email';
  status: string;
  destination: string | null;
  reason: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

/** Everything Billit's order view shows of an issued (or draft) document of the account. */
export interface OrderRecord {
  orderId: number;
  view: DocumentView;
  tracking: OrderTracking;
  deliveries: OrderDelivery[];
}

export const NO_TRACKING: OrderTracking = {
  orderType: null,
  orderNumber: null,
  paid: null,
  paidDate: null,
  isSent: false,
  approvalStatus: null,
  accountCode: null,
  internalInfo: null,
  invoiced: null,
  accountantVerificationNeeded: false,
  orderPdfFileId: null,
  attachmentFileIds: [],
  deletedAt: null,
  updatedAt: null,
};

/** Billit's bookkeeping as kept in a billit_orders row. */
export function orderTrackingOf(r: Selectable<BillitOrdersTable>): OrderTracking {
  return {
    orderType: r.order_type,
    orderNumber: r.order_number,
    paid: r.paid,
    paidDate: r.paid_date,
    isSent: r.is_sent,
    approvalStatus: r.approval_status,
    accountCode: r.account_code,
    internalInfo: r.internal_info,
    invoiced: r.invoiced,
    accountantVerificationNeeded: r.accountant_verification_needed,
    orderPdfFileId: r.order_pdf_file_id,
    attachmentFileIds: r.attachment_file_ids ?? [],
    deletedAt: r.deleted_at,
    updatedAt: r.updated_at,
  };
}

/**
 * The orders of the account with these document ids, in the order given; ids of other accounts or of no document
 * are left out (the edge answers Billit's 401 for them). A few statements whatever the number of ids (a page of a
 * list reads 120 at once).
 */
export async function loadOrders(tx: Tx, accountId: number, ids: readonly number[]): Promise<OrderRecord[]> {
  if (!ids.length) return [];
  const views = await getDocuments(tx, accountId, ids);
  if (!views.length) return [];
  const found = views.map((v) => v.doc.id);
  const tracked = await tx
    .selectFrom('billit_orders')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('document_id', 'in', found)
    .execute();
  const sends = await tx
    .selectFrom('peppol_transmissions')
    .leftJoin('emails', (j) =>
      j
        .onRef('emails.account_id', '=', 'peppol_transmissions.account_id')
        .onRef('emails.id', '=', 'peppol_transmissions.email_id'),
    )
    .select([
      'peppol_transmissions.document_id',
      'peppol_transmissions.transport',
      'peppol_transmissions.status',
      'peppol_transmissions.receiver',
      'peppol_transmissions.reason',
      'peppol_transmissions.attempts',
      'peppol_transmissions.created_at',
      'peppol_transmissions.updated_at',
      'peppol_transmissions.email_id',
      'emails.to_addresses',
    ])
    .where('peppol_transmissions.account_id', '=', accountId)
    .where('peppol_transmissions.document_id', 'in', found)
    .orderBy('peppol_transmissions.id')
    .execute();
  // E-mails of the document sent on their own (an SMTP send, not a Peppol fallback, which its transmission shows).
  const linked = sends.map((x) => x.email_id).filter((x): x is number => x !== null);
  let mailQuery = tx
    .selectFrom('emails')
    .select(['document_id', 'status', 'to_addresses', 'last_error', 'attempts', 'created_at', 'updated_at'])
    .where('account_id', '=', accountId)
    .where('kind', '=', 'document')
    .where('document_id', 'in', found);
  if (linked.length) mailQuery = mailQuery.where('id', 'not in', linked);
  const mails = await mailQuery.orderBy('id').execute();
  const byDoc = new Map(views.map((v) => [v.doc.id, v]));
  const trackingOf = new Map(tracked.map((r) => [r.document_id!, r]));
  const out: OrderRecord[] = [];
  for (const id of ids) {
    const view = byDoc.get(id);
    if (!view) continue;
    const r = trackingOf.get(id);
    out.push({
      orderId: id,
      view,
      tracking: r ? orderTrackingOf(r) : NO_TRACKING,
      deliveries: sends
        .filter((s) => s.document_id === id)
        .map((s) => ({
          transport: s.transport,
          status: s.status,
          destination: s.transport === 'email' ? (s.to_addresses ?? []).join(', ') || null : s.receiver,
          reason: s.reason,
          attempts: s.attempts,
          createdAt: s.created_at,
          updatedAt: s.updated_at,
        }))
        .concat(
          mails
            .filter((m) => m.document_id === id)
            .map((m) => ({
              transport: 'email' as const,
              // An e-mail accepted by the SMTP server is delivered as far as anyone can tell.
              status: m.status === 'sent' ? 'delivered' : m.status === 'failed' ? 'failed' : 'queued',
              destination: (m.to_addresses ?? []).join(', ') || null,
              reason: m.last_error,
              attempts: m.attempts,
              createdAt: m.created_at,
              updatedAt: m.updated_at,
            })),
        )
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0)),
    });
  }
  return out;
}
