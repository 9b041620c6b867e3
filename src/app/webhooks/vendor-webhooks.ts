import { sql } from 'kysely';
import { DomainError, IssueCollector, notFound } from '../../domain/errors.js';
import type { WebhookFormat } from '../../infra/db/schema.js';
import type { Tx } from '../context.js';
import type { WebhookDeps } from './ports.js';
import { webhookUrl } from './webhook-input.js';
import { newWebhookSecret, sealWebhookSecret, secretHint } from './webhook-secret.js';

export type VendorFormat = Exclude<WebhookFormat, 'native'>;

export interface VendorWebhookInput {
  format: VendorFormat;
  url: unknown;
  /** The core events the vendor's subscription maps to (empty: it never fires, e.g. Billit's deletions). */
  events: string[];
  entityType: string;
  updateType: string;
  /** At most this many endpoints of this format per account (the vendor's own limit). */
  max: number;
  createdBy: number | null;
}

export interface VendorWebhook {
  id: number;
  url: string;
  entityType: string | null;
  updateType: string | null;
  createdBy: number | null;
  createdAt: string;
}

/**
 * Registers an endpoint that receives a vendor's format. The secret is returned here (and on rotation) only and
 * stored sealed, as for native endpoints; the vendor's subscription is kept as given, `events` drives delivery.
 */
export async function createVendorWebhook(
  tx: Tx,
  deps: Pick<WebhookDeps, 'secrets' | 'policy'>,
  accountId: number,
  input: VendorWebhookInput,
): Promise<VendorWebhook & { secret: string }> {
  const c = new IssueCollector();
  const url = webhookUrl(input.url, deps.policy, c);
  c.throwIfAny('The webhook has invalid fields.');
  // Two creations at once must not both see a free slot: they serialize on the account until the transaction ends.
  await sql`select pg_advisory_xact_lock(hashtextextended(${`webhooks:${accountId}`}, 0))`.execute(tx);
  const existing = await tx
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('account_id', '=', accountId)
    .where('format', '=', input.format)
    .execute();
  if (existing.length >= input.max)
    throw new DomainError('conflict', `At most ${input.max} webhooks per company.`, [], { limit: input.max });
  const secret = newWebhookSecret();
  const row = await tx
    .insertInto('webhook_endpoints')
    .values({
      account_id: accountId,
      url,
      events: JSON.stringify(input.events),
      format: input.format,
      vendor_entity_type: input.entityType,
      vendor_update_type: input.updateType,
      created_by: input.createdBy,
      secret_sealed: sealWebhookSecret(deps.secrets, accountId, secret),
      secret_hint: secretHint(secret),
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    url,
    entityType: input.entityType,
    updateType: input.updateType,
    createdBy: input.createdBy,
    createdAt: row.created_at,
    secret,
  };
}

/** The account's endpoints of one vendor format, oldest first. */
export async function listVendorWebhooks(tx: Tx, accountId: number, format: VendorFormat): Promise<VendorWebhook[]> {
  const rows = await tx
    .selectFrom('webhook_endpoints')
    .select(['id', 'url', 'vendor_entity_type', 'vendor_update_type', 'created_by', 'created_at'])
    .where('account_id', '=', accountId)
    .where('format', '=', format)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    entityType: r.vendor_entity_type,
    updateType: r.vendor_update_type,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

/** Fails with not_found unless the account has an endpoint `id` of this format (a native one is not the vendor's). */
export async function checkVendorWebhook(tx: Tx, accountId: number, format: VendorFormat, id: number): Promise<void> {
  const row = await tx
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('account_id', '=', accountId)
    .where('format', '=', format)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('webhook', id);
}
