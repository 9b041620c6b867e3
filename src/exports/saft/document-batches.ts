import type { Tx } from '../../app/context.js';
import { type DocumentIssuer, loadIssuedDocuments } from '../../app/documents/load-issued-documents.js';
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
  /** Whether another page may follow. */
  more: boolean;
}

/** Ids are listed this many pages at a time: one keyset statement for several pages of documents. */
const LISTED_PAGES = 5;

/** The ids of the table's documents in (date, id) order, `size` at a time, listed `size * LISTED_PAGES` at a time. */
async function* idPages(tx: Tx, accountId: number, scope: SaftScope, size: number): AsyncGenerator<number[]> {
  const limit = size * LISTED_PAGES;
  let after: SaftCursor | null = null;
  for (;;) {
    const listed = await listSaftDocuments(tx, accountId, scope, after, limit);
    for (let i = 0; i < listed.length; i += size) yield listed.slice(i, i + size).map((d) => d.id);
    if (listed.length < limit) return;
    after = listed[listed.length - 1];
  }
}

/**
 * The documents of a table, a bounded page at a time (ids listed by keyset on date and id, several pages a
 * statement), each page loaded as issued documents in a constant number of queries (the account and its series
 * are the export's `issuer`, read once), with the products of its lines (from the export's product cache: no statement
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
  issuer: DocumentIssuer | null,
  products: SaftProductCache | null,
  stats: BatchStats,
): AsyncGenerator<DocumentBatch> {
  const ids = idPages(tx, accountId, scope, size);
  // Never called while the previous call runs (a page is read after the previous one is in): `ids` is not shared.
  const read = async (): Promise<Page | null> => {
    const page = await ids.next();
    if (page.done || !page.value.length) return null;
    const docs = await loadIssuedDocuments(tx, accountId, page.value, issuer);
    return {
      batch: {
        docs,
        products: products
          ? await products.of(docs.flatMap((d) => d.lines.map((l) => l.code)))
          : new Map<string, SaftProduct>(),
      },
      more: page.value.length === size,
    };
  };
  let ahead: Promise<Page | null> | null = read();
  try {
    while (ahead) {
      const page: Page | null = await ahead;
      ahead = null;
      if (!page) return;
      if (page.more) {
        ahead = read();
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
