import type { Tx } from '../context.js';

export async function listApiKeys(tx: Tx, accountId: number) {
  return tx
    .selectFrom('api_keys')
    .select(['id', 'user_id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at', 'scope'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
}
