import type { IssuedDocument } from '../../domain/documents/issued-document.js';
import { countSaftTable } from '../../app/saft/count-saft-table.js';
import { type SaftContext, scopeOf } from './context.js';
import type { DocumentBatch } from './document-batches.js';
import { writeDocumentRecords } from './document-table.js';
import { currency, documentState, period, shippingPoint, signature, sourceId, withholding } from './documents.js';
import { lineRecord } from './lines.js';
import { SAFT_TABLES } from './tables.js';
import { entryTotals } from './totals.js';
import { type XmlRecord, dateTime, key } from './xml.js';

const DEBIT = new Set<string>(SAFT_TABLES.SalesInvoices.debitTypes);

/**
 * An Invoice record (FT FS FR NC ND), in the XSD's sequence (P302 4.1.4). SourceBilling P: produced here.
 * Documents settled on issue (a fatura-recibo; a simplified invoice unless issued unpaid) carry their payment in
 * DocumentTotals/Payment; an FS issued unpaid is settled by receipts, which SAF-T lists under Payments.
 */
export function invoiceRecord(doc: IssuedDocument, batch: DocumentBatch): XmlRecord {
  const state = documentState(doc);
  const user = sourceId(doc);
  const debit = DEBIT.has(doc.type);
  const mechanism = doc.payment.mechanism;
  const settled = doc.payment.settledOnIssue && doc.status === 'final' && mechanism;
  return {
    InvoiceNo: doc.number!,
    ATCUD: doc.atcud ?? '0',
    DocumentStatus: {
      InvoiceStatus: state.status,
      InvoiceStatusDate: state.date,
      Reason: state.reason,
      SourceID: user,
      SourceBilling: 'P',
    },
    ...signature(doc),
    Period: period(doc),
    InvoiceDate: doc.date,
    InvoiceType: doc.type,
    SpecialRegimes: { SelfBillingIndicator: '0', CashVATSchemeIndicator: '0', ThirdPartiesBillingIndicator: '0' },
    SourceID: user,
    SystemEntryDate: dateTime(doc.systemEntry!),
    CustomerID: key(doc.customer.masterCode!),
    ShipTo: shippingPoint(doc.transport.unload, doc.transport.unloadAt),
    ShipFrom: shippingPoint(doc.transport.load, doc.transport.loadAt, doc.transport.vehiclePlate),
    MovementEndTime: doc.transport.unloadAt ? dateTime(doc.transport.unloadAt) : undefined,
    MovementStartTime: doc.transport.loadAt ? dateTime(doc.transport.loadAt) : undefined,
    Line: doc.lines.map((l) => lineRecord('invoice', doc, l, batch.products.get(l.code), debit)),
    DocumentTotals: {
      TaxPayable: doc.totals.tax,
      NetTotal: doc.totals.net,
      GrossTotal: doc.totals.gross,
      Currency: currency(doc),
      Payment: settled
        ? [{ PaymentMechanism: mechanism, PaymentAmount: doc.totals.payable, PaymentDate: doc.date }]
        : [],
    },
    WithholdingTax: withholding(doc.withholding.type, doc.totals.withholding),
  };
}

/**
 * The SalesInvoices table: control totals, then the invoices. Written even when empty: a month without invoices
 * is still reported (DL 198/2012 art. 3.º).
 */
export async function writeSalesInvoices(ctx: SaftContext): Promise<void> {
  const table = SAFT_TABLES.SalesInvoices;
  const counts = await countSaftTable(ctx.tx, ctx.accountId, scopeOf(ctx, table.types), table.debitTypes);
  await ctx.w.open(table.name);
  await ctx.w.record(entryTotals(counts.documents, counts.debit, counts.credit));
  await writeDocumentRecords(ctx, table, 'Invoice', (doc, batch) => invoiceRecord(doc, batch), false);
  await ctx.w.close(table.name);
}
