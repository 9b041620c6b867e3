import type { Tx } from '../../app/context.js';
import { loadIssuedDocuments } from '../../app/documents/load-issued-documents.js';
import type { SaftScope } from '../../app/saft/saft-scope.js';
import { type SaftCursor, listSaftDocuments } from '../../app/saft/list-saft-documents.js';
import type { SaftProduct } from '../../app/saft/get-saft-products.js';
import type { IssuedDocument } from '../../domain/documents/issued-document.js';
import type { SaftProductCache } from './product-cache.js';

export interface DocumentBatch {
  /** The page's documents, lines included, in (date, id) order. */
  docs: IssuedDocument[];
  /** The product master data of the batch's line codes. */
  products: Map<string, SaftProduct>;
}

export interface BatchStats {
  batches: number;
  largestBatch: number;
  documents: number;
}

/**
 * The documents of a table, a bounded page at a time (keyset on date and id), each page loaded as issued documents
 * in a constant number of queries, with the products of its lines (from the export's product cache: no statement
 * when the master file already read them). Nothing of a previous page is kept: memory is bounded by the page size,
 * not by the period.
 */
export async function* documentBatches(
  tx: Tx,
  accountId: number,
  scope: SaftScope,
  size: number,
  products: SaftProductCache | null,
  stats: BatchStats,
): AsyncGenerator<DocumentBatch> {
  let after: SaftCursor | null = null;
  for (;;) {
    const page = await listSaftDocuments(tx, accountId, scope, after, size);
    if (!page.length) return;
    stats.batches += 1;
    stats.documents += page.length;
    stats.largestBatch = Math.max(stats.largestBatch, page.length);
    const docs = await loadIssuedDocuments(
      tx,
      accountId,
      page.map((d) => d.id),
    );
    yield {
      docs,
      products: products
        ? await products.of(docs.flatMap((d) => d.lines.map((l) => l.code)))
        : new Map<string, SaftProduct>(),
    };
    if (page.length < size) return;
    after = page[page.length - 1];
  }
}
