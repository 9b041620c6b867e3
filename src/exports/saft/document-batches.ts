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

interface Page {
  batch: DocumentBatch;
  /** Where the next page begins; null after the last page. */
  next: SaftCursor | null;
}

/**
 * The documents of a table, a bounded page at a time (keyset on date and id), each page loaded as issued documents
 * in a constant number of queries, with the products of its lines (from the export's product cache: no statement
 * when the master file already read them). Nothing of a previous page is kept: memory is bounded by the page size,
 * not by the period.
 * The next page is asked for before this one is handed out, so that the database reads it while the caller turns
 * this one into XML: the export's time is then the larger of the two sides, not their sum (two pages in memory at most).
 */
export async function* documentBatches(
  tx: Tx,
  accountId: number,
  scope: SaftScope,
  size: number,
  products: SaftProductCache | null,
  stats: BatchStats,
): AsyncGenerator<DocumentBatch> {
  const read = async (after: SaftCursor | null): Promise<Page | null> => {
    const page = await listSaftDocuments(tx, accountId, scope, after, size);
    if (!page.length) return null;
    const docs = await loadIssuedDocuments(
      tx,
      accountId,
      page.map((d) => d.id),
    );
    return {
      batch: {
        docs,
        products: products
          ? await products.of(docs.flatMap((d) => d.lines.map((l) => l.code)))
          : new Map<string, SaftProduct>(),
      },
      next: page.length < size ? null : page[page.length - 1],
    };
  };
  let ahead: Promise<Page | null> | null = read(null);
  try {
    while (ahead) {
      const page: Page | null = await ahead;
      ahead = null;
      if (!page) return;
      if (page.next) {
        ahead = read(page.next);
        // Handled here (awaited on the next turn, or in `finally` if the caller stops early): never unhandled.
        ahead.catch(() => undefined);
      }
      stats.batches += 1;
      stats.documents += page.batch.docs.length;
      stats.largestBatch = Math.max(stats.largestBatch, page.batch.docs.length);
      yield page.batch;
    }
  } finally {
    // A caller that stops early (an error while writing) leaves no statement running behind it on the transaction.
    if (ahead) await ahead.catch(() => undefined);
  }
}
