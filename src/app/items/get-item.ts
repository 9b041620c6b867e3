import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

export async function getItem(tx: Tx, accountId: number, id: number) {
  const row = await tx
    .selectFrom('items')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('item', id);
  return row;
}
