import { DomainError, IssueCollector } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import type { WebhookDeps } from './ports.js';
import { webhookDescription, webhookEvents, webhookUrl, type WebhookInput } from './webhook-input.js';
import { newWebhookSecret, sealWebhookSecret, secretHint } from './webhook-secret.js';

export const MAX_WEBHOOK_ENDPOINTS = 20;

/** Registers an endpoint. The signing secret is returned here (and on rotation) only; it is stored sealed. */
export async function createWebhook(
  tx: Tx,
  deps: Pick<WebhookDeps, 'secrets' | 'policy'>,
  accountId: number,
  input: WebhookInput,
): Promise<{ id: number; secret: string }> {
  const c = new IssueCollector();
  const url = webhookUrl(input.url, deps.policy, c);
  const events = webhookEvents(input.events, c);
  const description = webhookDescription(input.description, c);
  c.throwIfAny('The webhook has invalid fields.');
  const count = await tx
    .selectFrom('webhook_endpoints')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_WEBHOOK_ENDPOINTS)
    throw new DomainError('conflict', `An account has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints.`);
  const secret = newWebhookSecret();
  const row = await tx
    .insertInto('webhook_endpoints')
    .values({
      account_id: accountId,
      url,
      events: JSON.stringify(events),
      description,
      enabled: input.enabled ?? true,
      secret_sealed: sealWebhookSecret(deps.secrets, accountId, secret),
      secret_hint: secretHint(secret),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, secret };
}
