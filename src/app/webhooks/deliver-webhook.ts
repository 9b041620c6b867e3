import { sql, type Kysely } from 'kysely';
import { signatureHeader } from '../../domain/webhooks/signature.js';
import type { DB } from '../../infra/db/schema.js';
import type { WebhookDeps } from './ports.js';
import { webhookSecretContext } from './webhook-secret.js';

export type DeliveryOutcome = { status: 'succeeded' | 'skipped' } | { status: 'retry' | 'failed'; error: string };

const clip = (s: string | null | undefined, n: number) => (s == null ? null : s.slice(0, n));

/**
 * One attempt of one delivery (the `webhook.deliver` job): sign the stored body with the endpoint's secret(s)
 * and a fresh timestamp, POST it, log the attempt. Any 2xx is success; anything else is retried with the
 * outbox's backoff until `maxAttempts`. No transaction is open during the request.
 */
export async function deliverWebhook(
  db: Kysely<DB>,
  deps: WebhookDeps,
  accountId: number,
  deliveryId: number,
  now: Date,
): Promise<DeliveryOutcome> {
  const d = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', (j) =>
      j.onRef('e.account_id', '=', 'd.account_id').onRef('e.id', '=', 'd.endpoint_id'),
    )
    .select([
      'd.id',
      'd.event_id',
      'd.event_type',
      'd.payload',
      'd.status',
      'd.attempts',
      'e.url',
      'e.format',
      'e.enabled',
      'e.secret_sealed',
      'e.previous_secret_sealed',
      'e.previous_expires_at',
    ])
    .where('d.account_id', '=', accountId)
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
  if (!d || d.status === 'succeeded' || d.status === 'failed' || d.status === 'cancelled') return { status: 'skipped' };
  if (!d.enabled) {
    await db
      .updateTable('webhook_deliveries')
      .set({
        status: 'cancelled',
        last_error: 'The endpoint was disabled.',
        updated_at: sql<string>`now()` as unknown as string,
      })
      .where('account_id', '=', accountId)
      .where('id', '=', deliveryId)
      .execute();
    return { status: 'skipped' };
  }
  const context = webhookSecretContext(accountId);
  const secrets = [deps.secrets.open(d.secret_sealed, context)];
  if (d.previous_secret_sealed && d.previous_expires_at && new Date(d.previous_expires_at) > now)
    secrets.push(deps.secrets.open(d.previous_secret_sealed, context));

  const attempt = d.attempts + 1;
  const timestamp = Math.floor(now.getTime() / 1000);
  const vendor = d.format === 'native' ? undefined : deps.formats?.[d.format];
  const res = await deps.sender.post(
    d.url,
    vendor
      ? vendor.headers(secrets[0]!, timestamp, d.payload)
      : {
          'content-type': 'application/json',
          'user-agent': 'Faturador-Webhooks/1',
          'faturador-event-id': d.event_id,
          'faturador-event-type': d.event_type,
          'faturador-delivery-id': String(d.id),
          'faturador-delivery-attempt': String(attempt),
          'faturador-signature': signatureHeader(secrets, timestamp, d.payload),
        },
    d.payload,
  );

  const ok = res.statusCode !== null && res.statusCode >= 200 && res.statusCode < 300;
  const error = ok ? null : (res.error ?? `HTTP ${res.statusCode}`);
  const final = !ok && attempt >= deps.maxAttempts;
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('webhook_delivery_attempts')
      .values({
        account_id: accountId,
        delivery_id: deliveryId,
        attempt,
        status_code: res.statusCode,
        response_excerpt: clip(res.excerpt, 1000),
        error: clip(error, 1000),
        duration_ms: res.durationMs,
        signature_timestamp: timestamp,
        started_at: now.toISOString(),
      })
      .execute();
    await tx
      .updateTable('webhook_deliveries')
      .set({
        status: ok ? 'succeeded' : final ? 'failed' : 'retrying',
        attempts: attempt,
        last_status_code: res.statusCode,
        last_error: clip(error, 1000),
        ...(ok ? { delivered_at: sql<string>`now()` as unknown as string } : {}),
        updated_at: sql<string>`now()` as unknown as string,
      })
      .where('account_id', '=', accountId)
      .where('id', '=', deliveryId)
      .execute();
  });
  if (ok) return { status: 'succeeded' };
  return { status: final ? 'failed' : 'retry', error: error! };
}
