import type { Tx } from '../context.js';
import { getImport } from './get-import.js';
import { importGroups, importGroupStatus } from './import-groups.js';

/** A document of an import's file: issued (its number, ATCUD and total), refused at issue time, or pending. */
export interface ImportDocumentRow {
  key: string;
  firstRow: number;
  status: 'issued' | 'failed' | 'pending';
  documentId: number | null;
  number: string | null;
  atcud: string | null;
  total: string;
  error: string | null;
}

/** An import's documents in file order, a page at a time (another account's import is not found). */
export async function importDocuments(
  tx: Tx,
  accountId: number,
  importId: number,
  page: { limit: number; offset: number },
): Promise<{ items: ImportDocumentRow[]; total: number }> {
  const imp = await getImport(tx, accountId, importId);
  const rows = await importGroups(tx, accountId, imp.id)
    .select('g.total')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    total: imp.documents,
    items: rows.map((g) => ({
      key: g.group_key,
      firstRow: g.first_row,
      status: importGroupStatus(g),
      documentId: g.document_id,
      number: g.doc_no,
      atcud: g.atcud,
      total: g.gross_total ?? g.total,
      error: g.error,
    })),
  };
}
