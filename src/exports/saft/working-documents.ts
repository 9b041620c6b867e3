import type { IssuedDocument } from '../../domain/documents/issued-document.js';
import { countSaftTable } from '../../app/saft/count-saft-table.js';
import { type SaftContext, scopeOf } from './context.js';
import type { DocumentBatch } from './document-batches.js';
import { writeDocumentRecords } from './document-table.js';
import { currency, documentState, period, signature, sourceId } from './documents.js';
import { lineRecord } from './lines.js';
import { SAFT_TABLES } from './tables.js';
import { entryTotals } from './totals.js';
import { type XmlRecord, dateTime, key } from './xml.js';

const DEBIT = new Set<string>(SAFT_TABLES.WorkingDocuments.debitTypes);

/** A WorkDocument record (OR PF NE FO), in the XSD's sequence (P302 4.3.4); F once carried into an invoice. */
export function workDocumentRecord(
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
      WorkStatus: state.status,
      WorkStatusDate: state.date,
      Reason: state.reason,
      SourceID: user,
      SourceBilling: 'P',
    },
    ...signature(doc),
    Period: period(doc),
    WorkDate: doc.date,
    WorkType: doc.type,
    SourceID: user,
    SystemEntryDate: dateTime(doc.systemEntry!),
    CustomerID: key(doc.customer.masterCode!),
    Line: doc.lines.map((l) => lineRecord('work', doc, l, batch.products.get(l.code), debit)),
    DocumentTotals: {
      TaxPayable: doc.totals.tax,
      NetTotal: doc.totals.net,
      GrossTotal: doc.totals.gross,
      Currency: currency(doc),
    },
  };
}

/** The WorkingDocuments table, when the period has any: control totals, then the documents. */
export async function writeWorkingDocuments(ctx: SaftContext): Promise<void> {
  const table = SAFT_TABLES.WorkingDocuments;
  const counts = await countSaftTable(ctx.tx, ctx.accountId, scopeOf(ctx, table.types), table.debitTypes);
  if (!counts.documents) return;
  await ctx.w.open(table.name);
  await ctx.w.record(entryTotals(counts.documents, counts.debit, counts.credit));
  await writeDocumentRecords(ctx, table, 'WorkDocument', workDocumentRecord, true);
  await ctx.w.close(table.name);
}
