import type { Tx } from '../context.js';

/** An import's documents in file order, each with its issued document's number, ATCUD and total once issued. */
export function importGroups(tx: Tx, accountId: number, importId: number) {
  return tx
    .selectFrom('import_groups as g')
    .leftJoin('documents as d', 'd.id', 'g.document_id')
    .select(['g.group_key', 'g.first_row', 'g.error', 'g.document_id', 'd.doc_no', 'd.atcud', 'd.gross_total'])
    .where('g.import_id', '=', importId)
    .where('g.account_id', '=', accountId)
    .orderBy('g.position');
}

/** Issued once it has a document, failed once issuing it was refused, pending before. */
export const importGroupStatus = (g: { document_id: number | null; error: string | null }) =>
  g.document_id ? 'issued' : g.error ? 'failed' : 'pending';
