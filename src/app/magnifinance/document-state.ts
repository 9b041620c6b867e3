import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** What MagniFinance's reads of a document need: its state, number and amounts (strings, exact). */
export interface MfDocumentState {
  id: number;
  status: 'draft' | 'final' | 'cancelled';
  docNo: string | null;
  docType: string;
  payableTotal: string;
  openBalance: string;
}

/** A document of the account, or not_found (another account's id reads as unknown). */
export async function documentState(tx: Tx, accountId: number, id: number): Promise<MfDocumentState> {
  const row = await tx
    .selectFrom('documents')
    .select(['id', 'status', 'doc_no', 'doc_type', 'payable_total', 'open_balance'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('document', id);
  return {
    id: row.id,
    status: row.status,
    docNo: row.doc_no,
    docType: row.doc_type,
    payableTotal: String(row.payable_total),
    openBalance: String(row.open_balance),
  };
}
