import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

export async function getContact(tx: Tx, accountId: number, id: number) {
  const row = await tx
    .selectFrom('contacts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('contact', id);
  return row;
}
