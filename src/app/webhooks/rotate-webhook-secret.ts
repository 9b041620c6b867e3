import { sql } from 'kysely';
import { IssueCollector, notFound } from '../../domain/errors.js';
import type { Ctx, Tx } from '../context.js';
import type { WebhookDeps } from './ports.js';
import { newWebhookSecret, sealWebhookSecret, secretHint } from './webhook-secret.js';

export const MAX_ROTATION_GRACE_SECONDS = 7 * 24 * 3600;

/**
 * Replaces the signing secret and returns the new one (shown once). With `graceSeconds`, the old secret keeps
 * signing alongside the new one (a second v1 in the header) for that long, so receivers can switch over.
 */
export async function rotateWebhookSecret(
  tx: Tx,
  deps: Pick<WebhookDeps, 'secrets'>,
  ctx: Ctx,
  id: number,
  input: { graceSeconds?: number } = {},
): Promise<{ secret: string; previousExpiresAt: string | null }> {
  const grace = input.graceSeconds ?? 0;
  const c = new IssueCollector();
  if (typeof grace !== 'number' || !Number.isInteger(grace) || grace < 0 || grace > MAX_ROTATION_GRACE_SECONDS)
    c.add(
      'graceSeconds',
      'out_of_range',
      `Between 0 and ${MAX_ROTATION_GRACE_SECONDS}.`,
      String(MAX_ROTATION_GRACE_SECONDS),
    );
  c.throwIfAny();
  const current = await tx
    .selectFrom('webhook_endpoints')
    .select('secret_sealed')
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound('webhook', id);
  const secret = newWebhookSecret();
  const previousExpiresAt = grace > 0 ? new Date(ctx.now.getTime() + grace * 1000).toISOString() : null;
  await tx
    .updateTable('webhook_endpoints')
    .set({
      secret_sealed: sealWebhookSecret(deps.secrets, ctx.accountId, secret),
      secret_hint: secretHint(secret),
      previous_secret_sealed: previousExpiresAt ? current.secret_sealed : null,
      previous_expires_at: previousExpiresAt,
      updated_at: sql<string>`now()` as unknown as string,
    })
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', id)
    .execute();
  return { secret, previousExpiresAt };
}
