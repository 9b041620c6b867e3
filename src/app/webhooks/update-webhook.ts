import { sql } from 'kysely';
import { IssueCollector, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import type { WebhookDeps } from './ports.js';
import { webhookDescription, webhookEvents, webhookUrl, type WebhookInput } from './webhook-input.js';

/** Changes what is given (url, events, description, enabled). Disabling stops pending deliveries at their next attempt. */
export async function updateWebhook(
  tx: Tx,
  deps: Pick<WebhookDeps, 'policy'>,
  accountId: number,
  id: number,
  input: WebhookInput,
): Promise<void> {
  const c = new IssueCollector();
  const set: Record<string, unknown> = {};
  if (input.url !== undefined) set.url = webhookUrl(input.url, deps.policy, c);
  if (input.events !== undefined) set.events = JSON.stringify(webhookEvents(input.events, c));
  if (input.description !== undefined) set.description = webhookDescription(input.description, c);
  if (input.enabled !== undefined) {
    if (typeof input.enabled !== 'boolean') c.add('enabled', 'invalid', 'true or false.');
    else set.enabled = input.enabled;
  }
  c.throwIfAny('The webhook has invalid fields.');
  const r = await tx
    .updateTable('webhook_endpoints')
    .set({ ...set, updated_at: sql<string>`now()` as unknown as string })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r.numUpdatedRows) throw notFound('webhook', id);
}
