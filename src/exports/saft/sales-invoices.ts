import { DOC_TYPE_INFO, type DocType } from '../../domain/documents/types.js';
import type { SaftDocumentRow } from '../../app/saft/list-saft-documents.js';
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
 * Fatura-recibo and simplified invoices, settled on issue, carry their payment in DocumentTotals/Payment.
 */
export function invoiceRecord(doc: SaftDocumentRow, batch: DocumentBatch): XmlRecord {
  const state = documentState(doc);
  const user = sourceId(doc);
  const debit = DEBIT.has(doc.doc_type);
  const settled =
    DOC_TYPE_INFO[doc.doc_type as DocType].settledOnIssue && doc.status === 'final' && doc.payment_mechanism;
  return {
    InvoiceNo: doc.doc_no!,
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
    InvoiceDate: doc.doc_date,
    InvoiceType: doc.doc_type,
    SpecialRegimes: { SelfBillingIndicator: '0', CashVATSchemeIndicator: '0', ThirdPartiesBillingIndicator: '0' },
    SourceID: user,
    SystemEntryDate: dateTime(doc.system_entry_date!),
    CustomerID: key(doc.customer_code!),
    ShipTo: shippingPoint(doc.unload_address, doc.unload_at),
    ShipFrom: shippingPoint(doc.load_address, doc.load_at, doc.vehicle_plate),
    MovementEndTime: doc.unload_at ? dateTime(doc.unload_at) : undefined,
    MovementStartTime: doc.load_at ? dateTime(doc.load_at) : undefined,
    Line: (batch.lines.get(doc.id) ?? []).map((l) => lineRecord('invoice', doc, l, batch.products.get(l.code), debit)),
    DocumentTotals: {
      TaxPayable: doc.tax_total,
      NetTotal: doc.net_total,
      GrossTotal: doc.gross_total,
      Currency: currency(doc),
      Payment: settled
        ? [{ PaymentMechanism: doc.payment_mechanism!, PaymentAmount: doc.payable_total, PaymentDate: doc.doc_date }]
        : [],
    },
    WithholdingTax: withholding(doc.withholding_type, doc.withholding_total),
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
