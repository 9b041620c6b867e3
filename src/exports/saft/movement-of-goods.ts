import type { IssuedDocument } from '../../domain/documents/issued-document.js';
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
  doc: IssuedDocument,
  batch: DocumentBatch,
  invoicedAt: string | undefined,
): XmlRecord {
  const state = documentState(doc, invoicedAt);
  const user = sourceId(doc);
  const debit = DEBIT.has(doc.type);
  return {
    DocumentNumber: doc.number!,
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
    MovementDate: doc.date,
    MovementType: doc.type,
    SystemEntryDate: dateTime(doc.systemEntry!),
    CustomerID: key(doc.customer.masterCode!),
    SourceID: user,
    MovementComments: text(doc.observations, 60),
    ShipTo: shippingPoint(doc.transport.unload, doc.transport.unloadAt),
    ShipFrom: shippingPoint(doc.transport.load, doc.transport.loadAt, doc.transport.vehiclePlate),
    MovementEndTime: doc.transport.unloadAt ? dateTime(doc.transport.unloadAt) : undefined,
    MovementStartTime: doc.transport.loadAt ? dateTime(doc.transport.loadAt) : `${doc.date}T00:00:00`,
    ATDocCodeID: text(doc.transport.atCode, 200),
    Line: doc.lines.map((l) => lineRecord('movement', doc, l, batch.products.get(l.code), debit)),
    DocumentTotals: {
      TaxPayable: doc.totals.tax,
      NetTotal: doc.totals.net,
      GrossTotal: doc.totals.gross,
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
