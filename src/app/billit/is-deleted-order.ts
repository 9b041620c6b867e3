import type { Tx } from '../context.js';

/** Whether Billit deleted this document's order (it then answers as if the order did not exist). */
export async function isDeletedOrder(tx: Tx, accountId: number, documentId: number): Promise<boolean> {
  const row = await tx
    .selectFrom('billit_orders')
    .select('deleted_at')
    .where('account_id', '=', accountId)
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  return !!row?.deleted_at;
}
