import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** Removes an endpoint with its delivery log; deliveries still queued for it are dropped at their next attempt. */
export async function deleteWebhook(tx: Tx, accountId: number, id: number): Promise<void> {
  const r = await tx
    .deleteFrom('webhook_endpoints')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r.numDeletedRows) throw notFound('webhook', id);
}
