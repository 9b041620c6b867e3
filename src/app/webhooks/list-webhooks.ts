import type { Tx } from '../context.js';

export async function listWebhooks(tx: Tx, accountId: number) {
  return tx
    .selectFrom('webhook_endpoints')
    .select([
      'id',
      'url',
      'description',
      'events',
      'enabled',
      'secret_hint',
      'previous_expires_at',
      'created_at',
      'updated_at',
    ])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
}
