import type { Tx } from '../context.js';
import { type SaftScope, inScope } from './saft-scope.js';

/** Where the previous page ended: documents are read in (date, id) order, the order of the `documents_list` index. */
export interface SaftCursor {
  date: string;
  id: number;
}

/**
 * One keyset page of the documents of a SAF-T table: their ids and dates, in (date, id) order. The records are
 * written from the issued-document model of the page (`loadIssuedDocuments`).
 */
export async function listSaftDocuments(
  tx: Tx,
  accountId: number,
  scope: SaftScope,
  after: SaftCursor | null,
  limit: number,
): Promise<SaftCursor[]> {
  return tx
    .selectFrom('documents as d')
    .where(inScope(accountId, scope))
    .$if(after !== null, (q) =>
      q.where((eb) => eb(eb.refTuple('d.doc_date', 'd.id'), '>', eb.tuple(after!.date, after!.id))),
    )
    .select(['d.id', 'd.doc_date as date'])
    .orderBy('d.doc_date')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}
