import { listInvoicedDocuments } from '../../app/saft/list-invoiced-documents.js';
import type { IssuedDocument } from '../../domain/documents/issued-document.js';
import { type SaftContext, scopeOf } from './context.js';
import { type DocumentBatch, documentBatches } from './document-batches.js';
import type { SaftTable } from './tables.js';
import { type XmlRecord, element } from './xml.js';

export type RecordBuilder = (doc: IssuedDocument, batch: DocumentBatch, invoicedAt: string | undefined) => XmlRecord;

/**
 * Writes the records of a table whose lines are the documents' own (SalesInvoices, MovementOfGoods,
 * WorkingDocuments), one batch at a time. `invoiced`: look up which documents an invoice took ("F" status).
 */
export async function writeDocumentRecords(
  ctx: SaftContext,
  table: SaftTable,
  recordName: string,
  build: RecordBuilder,
  invoiced: boolean,
): Promise<void> {
  for await (const batch of documentBatches(
    ctx.tx,
    ctx.accountId,
    scopeOf(ctx, table.types),
    ctx.batchSize,
    ctx.products,
    ctx.stats,
  )) {
    const invoicedAt = invoiced
      ? await listInvoicedDocuments(
          ctx.tx,
          ctx.accountId,
          batch.docs.map((d) => d.id),
        )
      : new Map<number, string>();
    for (const doc of batch.docs) await ctx.w.record(element(recordName, build(doc, batch, invoicedAt.get(doc.id))));
    ctx.progress();
  }
}
