import type { Tx } from '../context.js';

/**
 * The issued invoice (FT, ND) of the account a credit note's AboutInvoiceNumber names: by its legal number
 * (`FT A2026/1`) or by the OrderNumber the client gave it through Billit. undefined when none.
 */
export async function findInvoiceByNumber(
  tx: Tx,
  accountId: number,
  number: string,
): Promise<{ id: number; docNo: string } | undefined> {
  const n = number.trim();
  if (!n) return undefined;
  const row = await tx
    .selectFrom('documents')
    .leftJoin('billit_orders', (j) =>
      j
        .onRef('billit_orders.account_id', '=', 'documents.account_id')
        .onRef('billit_orders.document_id', '=', 'documents.id'),
    )
    .select(['documents.id', 'documents.doc_no'])
    .where('documents.account_id', '=', accountId)
    .where('documents.status', '=', 'final')
    .where('documents.doc_type', 'in', ['FT', 'ND'])
    .where((eb) => eb.or([eb('documents.doc_no', '=', n), eb('billit_orders.order_number', '=', n)]))
    .orderBy('documents.id', 'desc')
    .executeTakeFirst();
  return row?.doc_no ? { id: row.id, docNo: row.doc_no } : undefined;
}
