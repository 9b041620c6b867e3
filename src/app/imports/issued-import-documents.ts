import type { Tx } from '../context.js';
import { getImport } from './get-import.js';

/** The documents an import of the account issued, in file order: each id and number (another account's: not found). */
export async function issuedImportDocuments(
  tx: Tx,
  accountId: number,
  importId: number,
): Promise<{ documentId: number; number: string | null }[]> {
  await getImport(tx, accountId, importId);
  const rows = await tx
    .selectFrom('import_groups as g')
    .innerJoin('documents as d', 'd.id', 'g.document_id')
    .select(['d.id', 'd.doc_no'])
    .where('g.import_id', '=', importId)
    .where('g.account_id', '=', accountId)
    .orderBy('g.position')
    .execute();
  return rows.map((r) => ({ documentId: r.id, number: r.doc_no }));
}
