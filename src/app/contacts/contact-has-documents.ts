import type { Tx } from '../context.js';

/** Whether a contact appears on any finalized or cancelled document. */
export async function contactHasDocuments(tx: Tx, accountId: number, contactId: number): Promise<boolean> {
  const row = await tx
    .selectFrom('documents')
    .select('id')
    .where('account_id', '=', accountId)
    .where('contact_id', '=', contactId)
    .where('status', '<>', 'draft')
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
