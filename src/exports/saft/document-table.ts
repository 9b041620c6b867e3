import { listInvoicedDocuments } from '../../app/saft/list-invoiced-documents.js';
import type { IssuedDocument } from '../../domain/documents/issued-document.js';
import { type SaftContext, scopeOf } from './context.js';
import { type DocumentBatch, documentBatches } from './document-batches.js';
import type { SaftTable } from './tables.js';
import { type XmlRecord, element } from './xml.js';

export type RecordBuilder = (doc: IssuedDocument, batch: DocumentBatch, invoicedAt: string | undefined) => XmlRecord;

/**
 * Writes the records of a table whose lines are the documents' own (SalesInvoices, MovementOfGoods,
 * WorkingDocuments), one batch at a time: the batch's records are written as one chunk, so that its documents are
 * garbage before the next batch is read rather than kept alive across a wait per record. `invoiced`: look up which documents an invoice took ("F" status).
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
    ctx.issuer,
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
    await ctx.w.records(batch.docs, (doc) => element(recordName, build(doc, batch, invoicedAt.get(doc.id))));
    ctx.progress();
  }
}
