import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** Only a contact no document mentions (not even a draft) can be deleted. */
export async function deleteContact(tx: Tx, accountId: number, id: number): Promise<void> {
  const current = await tx
    .selectFrom('contacts')
    .select(['id', 'is_final_consumer'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) throw notFound('contact', id);
  const used = await tx
    .selectFrom('documents')
    .select('id')
    .where('account_id', '=', accountId)
    .where('contact_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  if (used || current.is_final_consumer)
    throw new DomainError('in_use', 'The contact is used by documents and cannot be deleted.');
  await tx.deleteFrom('contacts').where('account_id', '=', accountId).where('id', '=', id).execute();
}
