import { documentPdfFileId } from '../../../domain/files/file-id.js';
import { dec } from '../../../domain/money/decimal.js';
import type { OrderDelivery, OrderRecord } from '../../../app/billit/load-orders.js';
import { billitDateTime } from '../dates.js';
import { billitTypeOfDoc } from '../order-types.js';

type Json = Record<string, unknown>;

/** A decimal column as the JSON number Billit writes (`17.5`, never `"17.50"`: clients compare numbers). */
const num = (v: string | number | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));

interface Snapshot {
  name?: string | null;
  taxId?: string | null;
  country?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  email?: string | null;
  code?: string | null;
  phone?: string | null;
  iban?: string | null;
  bic?: string | null;
}

/** A party of the document (its customer or seller snapshot) as Billit's Customer / Supplier object. */
function partyView(p: Snapshot, partyId: number | null, partyType: 'Customer' | 'Supplier'): Json {
  const address = {
    Street: p.street ?? null,
    Zipcode: p.postalCode ?? null,
    City: p.city ?? null,
    CountryCode: p.country ?? null,
  };
  return {
    PartyID: partyId,
    Nr: p.code ?? null,
    Name: p.name ?? null,
    DisplayName: p.name ?? null,
    VATNumber: p.taxId || null,
    Email: p.email ?? null,
    Phone: p.phone ?? null,
    IBAN: p.iban ?? null,
    BIC: p.bic ?? null,
    PartyType: partyType,
    ...address,
    Addresses: [{ AddressType: 'InvoiceAddress', Name: p.name ?? null, ...address }],
    Identifiers: [],
  };
}

/** Billit's delivery status of a send: Pending until the access point (or SMTP server) took it, then its outcome. */
function deliveryStatus(d: OrderDelivery): 'Pending' | 'Delivered' | 'Error' {
  if (d.status === 'delivered' || (d.transport === 'email' && d.status === 'sent')) return 'Delivered';
  if (d.status === 'refused' || d.status === 'failed') return 'Error';
  return 'Pending';
}

const transportName = (d: OrderDelivery) => (d.transport === 'peppol' ? 'Peppol' : 'SMTP');

/**
 * The latest delivery as Billit shows it: the date only once it was delivered (null while Pending or after an Error),
 * and for a refused or failed send the status Error with the access point's (or SMTP server's) reason as the info.
 */
function deliveryDetails(deliveries: OrderDelivery[]): Json {
  const last = deliveries[deliveries.length - 1];
  if (!last) return { IsDocumentDelivered: false };
  const status = deliveryStatus(last);
  return {
    DocumentDeliveryDate: status === 'Delivered' ? billitDateTime(last.updatedAt) : null,
    DocumentDeliveryInfo: last.reason ?? `${transportName(last)}: ${last.status}`,
    IsDocumentDelivered: status === 'Delivered',
    DocumentDeliveryStatus: status,
    TransportType: transportName(last),
  };
}

function messageView(d: OrderDelivery): Json {
  const status = deliveryStatus(d);
  return {
    Description: d.reason ?? `${transportName(d)}: ${d.status}`,
    FileID: null,
    CreationDate: billitDateTime(d.createdAt),
    TransportType: transportName(d),
    Success: status === 'Delivered' || d.status === 'sent',
    Trials: d.attempts,
    Destination: d.destination,
    MessageDirection: 'Outgoing',
  };
}

/** Billit's OrderStatus: Draft, Cancelled, Paid, ToSend (an unsent invoice), ToPay; commercial documents Sent. */
function orderStatus(r: OrderRecord, paid: boolean, sent: boolean): string {
  const doc = r.view.doc;
  if (doc.status === 'draft') return 'Draft';
  if (doc.status === 'cancelled') return 'Cancelled';
  if (doc.doc_type !== 'FT' && doc.doc_type !== 'NC' && doc.doc_type !== 'ND') return sent ? 'Sent' : 'ToSend';
  if (paid) return 'Paid';
  return sent ? 'ToPay' : 'ToSend';
}

export interface OrderViewOptions {
  /** The number of the invoice a credit note corrects (its AboutInvoiceNumber), when known. */
  aboutInvoiceNumber?: string | null;
}

/**
 * The OrderNumber the client gave, once the order was issued under the legal number of its series (which OrderNumber
 * then shows): the client's own system's reference for the order, where Billit keeps external systems' references.
 * `$filter=OrderNumber eq '…'` finds the order by either number.
 */
function clientNumber(r: OrderRecord): Json {
  const own = r.tracking.orderNumber;
  if (!own || !r.view.doc.doc_no || own === r.view.doc.doc_no) return {};
  return {
    ExternalProviderReferences: [
      { ExternalProvider: 'API', Category: 'OrderNumber', Value: own, EntityType: 'Order', EntityID: r.orderId },
    ],
  };
}

/**
 * One order as Billit's `GET /v1/orders/{id}` shows it (D get-information-about-1-invoice-creditnote.md), and each
 * item of `GET /v1/orders`: ids, number, type, direction, dates without zone, totals as numbers, customer and
 * supplier, lines, VAT groups, payment state, and the Peppol / e-mail deliveries (`CurrentDocumentDeliveryDetails`,
 * `Messages[]`). Money comes from the document as the core computed and stored it (never recomputed here).
 */
export function orderView(r: OrderRecord, opts: OrderViewOptions = {}): Json {
  const { doc, lines } = r.view;
  const t = r.tracking;
  const paid = t.paid ?? doc.paid;
  const sent = t.isSent || r.deliveries.some((d) => d.status === 'sent' || d.status === 'delivered');
  const receivable = doc.doc_type === 'FT' || doc.doc_type === 'ND';
  const customer = doc.customer as Snapshot;
  const seller = doc.seller as Snapshot;
  const totalIncl = num(doc.gross_total);
  const lastModified = [doc.status_date, doc.system_entry_date, t.updatedAt, ...r.deliveries.map((d) => d.updatedAt)]
    .map((v) => (v ? billitDateTime(v) : null))
    .filter((v): v is string => !!v)
    .sort()
    .pop();
  return {
    OrderID: r.orderId,
    CompanyID: doc.account_id,
    OrderNumber: doc.doc_no ?? t.orderNumber,
    OrderType: billitTypeOfDoc(doc.doc_type, t.orderType),
    OrderDirection: 'Income',
    OrderStatus: orderStatus(r, paid, sent),
    OrderDate: billitDateTime(doc.doc_date),
    ExpiryDate: billitDateTime(doc.due_date),
    DeliveryDate: billitDateTime(doc.tax_point_date),
    Created: billitDateTime(doc.system_entry_date ?? doc.doc_date),
    LastModified: lastModified ?? billitDateTime(doc.doc_date),
    Reference: doc.reference,
    Comments: doc.observations,
    OrderTitle: doc.observations,
    InternalInfo: t.internalInfo ?? doc.internal_note,
    Currency: doc.currency,
    PaymentReference: doc.payment_reference,
    ...clientNumber(r),
    AboutInvoiceNumber: opts.aboutInvoiceNumber ?? null,
    TotalExcl: num(doc.net_total),
    TotalVAT: num(doc.tax_total),
    TotalIncl: totalIncl,
    ToPay: paid ? 0 : receivable ? num(doc.open_balance) : totalIncl,
    Paid: paid,
    PaidDate: billitDateTime(t.paidDate),
    IsSent: sent,
    Invoiced: t.invoiced ?? false,
    ApprovalStatus: t.approvalStatus,
    AccountCode: t.accountCode,
    AccountantVerificationNeeded: t.accountantVerificationNeeded,
    Customer: partyView(customer, doc.contact_id, 'Customer'),
    CounterParty: partyView(customer, doc.contact_id, 'Customer'),
    Supplier: partyView(seller, doc.account_id, 'Supplier'),
    OrderLines: lines.map((l) => ({
      OrderLineID: l.id,
      Quantity: num(l.quantity),
      UnitPriceExcl: num(l.unit_price),
      Description: l.description,
      Reference: l.code || null,
      Unit: l.unit,
      VATPercentage: num(l.tax_rate),
      TotalExcl: num(l.net_total),
      TotalVAT: num(l.tax_total),
      TotalIncl: num(l.gross_total),
    })),
    VatGroups: doc.tax_summary.map((g) => ({
      VATPercentage: num(g.rate),
      TotalExcl: num(g.base),
      TotalVAT: num(g.tax),
      TotalIncl: dec(g.base).plus(g.tax).toNumber(),
    })),
    // The client's own PDF when it sent one, else the document's PDF under its derived FileID (GET /v1/files/{id}).
    OrderPDF: t.orderPdfFileId
      ? { FileID: t.orderPdfFileId }
      : {
          FileID: documentPdfFileId(doc.id),
          FileName: `${(doc.doc_no ?? `draft-${doc.id}`).replace(/[/\\ ]/g, '_')}.pdf`,
        },
    Attachments: t.attachmentFileIds.map((id) => ({ FileID: id })),
    CurrentDocumentDeliveryDetails: deliveryDetails(r.deliveries),
    Messages: r.deliveries.map(messageView),
  };
}
