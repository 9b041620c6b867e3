import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** An endpoint as callers see it: never the secret, only its hint. */
export async function getWebhook(tx: Tx, accountId: number, id: number) {
  const row = await tx
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
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('webhook', id);
  return row;
}
