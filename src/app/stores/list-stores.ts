import type { Tx } from '../context.js';

export async function listStores(tx: Tx, accountId: number) {
  return tx.selectFrom('stores').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
}
