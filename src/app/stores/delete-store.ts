import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

export async function deleteStore(tx: Tx, accountId: number, id: number): Promise<void> {
  const current = await tx
    .selectFrom('stores')
    .select(['id', 'is_default'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) throw notFound('store', id);
  const used = await tx
    .selectFrom('documents')
    .select('id')
    .where('account_id', '=', accountId)
    .where('store_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  if (used || current.is_default)
    throw new DomainError('in_use', 'The store is used (or is the default) and cannot be deleted.');
  await tx.deleteFrom('stores').where('account_id', '=', accountId).where('id', '=', id).execute();
}
