import type { SaftDocumentRow } from '../../app/saft/list-saft-documents.js';
import { countSaftTable } from '../../app/saft/count-saft-table.js';
import { type SaftContext, scopeOf } from './context.js';
import type { DocumentBatch } from './document-batches.js';
import { writeDocumentRecords } from './document-table.js';
import { currency, documentState, period, shippingPoint, signature, sourceId } from './documents.js';
import { lineRecord } from './lines.js';
import { SAFT_TABLES } from './tables.js';
import { movementTotals } from './totals.js';
import { type XmlRecord, dateTime, key, text } from './xml.js';

const DEBIT = new Set<string>(SAFT_TABLES.MovementOfGoods.debitTypes);

/**
 * A StockMovement record (GT GR GA GC GD), in the XSD's sequence (P302 4.2.3). MovementStartTime is mandatory:
 * the loading time (a document without one falls back to its date at 00:00:00, as the XSD allows for
 * summaries). ATDocCodeID is the code AT returned when the guide was communicated.
 */
export function stockMovementRecord(
  doc: SaftDocumentRow,
  batch: DocumentBatch,
  invoicedAt: string | undefined,
): XmlRecord {
  const state = documentState(doc, invoicedAt);
  const user = sourceId(doc);
  const debit = DEBIT.has(doc.doc_type);
  return {
    DocumentNumber: doc.doc_no!,
    ATCUD: doc.atcud ?? '0',
    DocumentStatus: {
      MovementStatus: state.status,
      MovementStatusDate: state.date,
      Reason: state.reason,
      SourceID: user,
      SourceBilling: 'P',
    },
    ...signature(doc),
    Period: period(doc),
    MovementDate: doc.doc_date,
    MovementType: doc.doc_type,
    SystemEntryDate: dateTime(doc.system_entry_date!),
    CustomerID: key(doc.customer_code!),
    SourceID: user,
    MovementComments: text(doc.observations, 60),
    ShipTo: shippingPoint(doc.unload_address, doc.unload_at),
    ShipFrom: shippingPoint(doc.load_address, doc.load_at, doc.vehicle_plate),
    MovementEndTime: doc.unload_at ? dateTime(doc.unload_at) : undefined,
    MovementStartTime: doc.load_at ? dateTime(doc.load_at) : `${doc.doc_date}T00:00:00`,
    ATDocCodeID: text(doc.at_code, 200),
    Line: (batch.lines.get(doc.id) ?? []).map((l) => lineRecord('movement', doc, l, batch.products.get(l.code), debit)),
    DocumentTotals: {
      TaxPayable: doc.tax_total,
      NetTotal: doc.net_total,
      GrossTotal: doc.gross_total,
      Currency: currency(doc),
    },
  };
}

/** The MovementOfGoods table, when the period has guides: control totals, then the stock movements. */
export async function writeMovementOfGoods(ctx: SaftContext): Promise<void> {
  const table = SAFT_TABLES.MovementOfGoods;
  const counts = await countSaftTable(ctx.tx, ctx.accountId, scopeOf(ctx, table.types), table.debitTypes);
  if (!counts.documents) return;
  await ctx.w.open(table.name);
  await ctx.w.record(movementTotals(counts.lines, counts.quantity));
  await writeDocumentRecords(ctx, table, 'StockMovement', stockMovementRecord, true);
  await ctx.w.close(table.name);
}
