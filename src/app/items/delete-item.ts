import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

export async function deleteItem(tx: Tx, accountId: number, id: number): Promise<void> {
  const current = await tx
    .selectFrom('items')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) throw notFound('item', id);
  const used = await tx
    .selectFrom('document_lines')
    .select('id')
    .where('account_id', '=', accountId)
    .where('item_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  if (used) throw new DomainError('in_use', 'The item is used by documents and cannot be deleted.');
  await tx.deleteFrom('items').where('account_id', '=', accountId).where('id', '=', id).execute();
}
