import type { Tx } from '../context.js';

/** A payment method of the account by id (its SAF-T code and name), if any. */
export async function getPaymentMethod(tx: Tx, accountId: number, id: number | null) {
  if (id === null) return undefined;
  return tx
    .selectFrom('payment_methods')
    .select(['id', 'name', 'saft_code'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}
