import type { CostOrderRecord } from '../../../app/billit/load-cost-order.js';
import { billitDateTime } from '../dates.js';

const num = (v: string | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * A Cost order (a received purchase document) as Billit shows it: OrderDirection Cost, the supplier as read from the
 * e-invoice, its totals as the supplier stated them. Lines stay in the XML (GET /v1/inbox/{id}/xml on the native API).
 */
export function costOrderView(r: CostOrderRecord): Record<string, unknown> {
  const p = r.purchase;
  const t = r.tracking;
  const supplier = {
    PartyID: null,
    Name: p.supplier.name,
    DisplayName: p.supplier.name,
    VATNumber: p.supplier.vatId,
    PartyType: 'Supplier',
    Identifiers: p.sender ? [{ IdentifierType: 'Peppol', Identifier: p.sender }] : [],
  };
  const paid = t.paid ?? false;
  return {
    OrderID: r.orderId,
    OrderNumber: p.number,
    OrderType: t.orderType ?? (p.typeCode === '381' ? 'CreditNote' : 'Invoice'),
    OrderDirection: 'Cost',
    OrderStatus: paid ? 'Paid' : 'ToPay',
    OrderDate: billitDateTime(p.issueDate),
    ExpiryDate: billitDateTime(p.dueDate),
    Created: billitDateTime(p.receivedAt),
    LastModified: billitDateTime(p.decidedAt ?? t.updatedAt ?? p.receivedAt),
    Currency: p.currency,
    TotalExcl: num(p.totals.net),
    TotalVAT: num(p.totals.tax),
    TotalIncl: num(p.totals.gross),
    ToPay: paid ? 0 : num(p.totals.payable ?? p.totals.gross),
    Paid: paid,
    PaidDate: billitDateTime(t.paidDate),
    IsSent: false,
    Invoiced: t.invoiced ?? false,
    ApprovalStatus:
      t.approvalStatus ?? (p.status === 'received' ? null : p.status === 'accepted' ? 'Approved' : 'Refused'),
    AccountCode: t.accountCode,
    InternalInfo: t.internalInfo,
    AccountantVerificationNeeded: t.accountantVerificationNeeded,
    ExternalProvider: p.source === 'peppol' ? 'Peppol' : null,
    Supplier: supplier,
    CounterParty: supplier,
    OrderLines: [],
    OrderPDF: null,
    Attachments: t.attachmentFileIds.map((id) => ({ FileID: id })),
    CurrentDocumentDeliveryDetails: { IsDocumentDelivered: true, DocumentDeliveryStatus: 'Delivered' },
    Messages: [],
  };
}
