import type { Tx } from '../../app/context.js';
import type { SaftScope } from '../../app/saft/saft-scope.js';
import { type SaftCursor, type SaftDocumentRow, listSaftDocuments } from '../../app/saft/list-saft-documents.js';
import { type SaftLineRow, listSaftLines } from '../../app/saft/list-saft-lines.js';
import { type SaftProduct, getSaftProducts } from '../../app/saft/get-saft-products.js';

export interface DocumentBatch {
  docs: SaftDocumentRow[];
  /** Lines by document id, in position order. */
  lines: Map<number, SaftLineRow[]>;
  /** The product master data of the batch's line codes. */
  products: Map<string, SaftProduct>;
}

export interface BatchStats {
  batches: number;
  largestBatch: number;
  documents: number;
}

/**
 * The documents of a table, a bounded page at a time (keyset on date and id), each page with its lines and
 * products. Nothing of a previous page is kept: memory is bounded by the page size, not by the period.
 */
export async function* documentBatches(
  tx: Tx,
  accountId: number,
  scope: SaftScope,
  size: number,
  withLines: boolean,
  stats: BatchStats,
): AsyncGenerator<DocumentBatch> {
  let after: SaftCursor | null = null;
  for (;;) {
    const docs = await listSaftDocuments(tx, accountId, scope, after, size);
    if (!docs.length) return;
    stats.batches += 1;
    stats.documents += docs.length;
    stats.largestBatch = Math.max(stats.largestBatch, docs.length);
    const lines = new Map<number, SaftLineRow[]>();
    let products = new Map<string, SaftProduct>();
    if (withLines) {
      for (const l of await listSaftLines(
        tx,
        accountId,
        docs.map((d) => d.id),
      )) {
        const list = lines.get(l.document_id) ?? [];
        list.push(l);
        lines.set(l.document_id, list);
      }
      products = await getSaftProducts(tx, accountId, [...new Set([...lines.values()].flat().map((l) => l.code))]);
    }
    yield { docs, lines, products };
    if (docs.length < size) return;
    const last = docs[docs.length - 1];
    after = { date: last.doc_date, id: last.id };
  }
}
