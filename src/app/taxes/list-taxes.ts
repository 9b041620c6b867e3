import type { Tx } from '../context.js';

export async function listTaxes(tx: Tx, accountId: number) {
  return tx.selectFrom('taxes').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
}
