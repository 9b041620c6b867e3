import { deleteWebhook } from '../../../app/webhooks/delete-webhook.js';
import { rotateWebhookSecret } from '../../../app/webhooks/rotate-webhook-secret.js';
import {
  checkVendorWebhook,
  createVendorWebhook,
  listVendorWebhooks,
  type VendorWebhook,
} from '../../../app/webhooks/vendor-webhooks.js';
import { DomainError } from '../../../domain/errors.js';
import { BillitError } from '../billit-error.js';
import type { Call, Route } from '../context.js';
import { BILLIT_MAX_WEBHOOKS, BILLIT_SUBSCRIPTIONS } from '../webhook-format.js';

const ENTITY_TYPES = ['Order', 'Message'] as const;
const UPDATE_TYPES: Record<string, 'I' | 'U' | 'D'> = { i: 'I', insert: 'I', u: 'U', update: 'U', d: 'D', delete: 'D' };

function webhookView(c: Call, w: VendorWebhook, secret?: string) {
  return {
    WebhookID: w.id,
    CompanyID: c.accountId,
    UserID: w.createdBy,
    EntityType: w.entityType,
    EntityUpdateType: w.updateType,
    WebhookURL: w.url,
    ...(secret === undefined ? {} : { Secret: secret }),
  };
}

/** `{EntityType Order|Message, EntityUpdateType|UpdateType I|U|D, WebhookURL|Url}` → the webhook with its Secret. */
async function create(c: Call) {
  const b = c.body;
  const entityRaw = b.text('EntityType');
  const updateRaw = b.text('EntityUpdateType', 'UpdateType', 'WebhookUpdateTypeTC');
  const url = b.text('WebhookURL', 'Url', 'URL');
  if (!entityRaw) b.fail('Required', 'The field EntityType is required (Order or Message).');
  if (!updateRaw) b.fail('Required', 'The field EntityUpdateType is required (I, U or D).');
  if (!url) b.fail('Required', 'The field WebhookURL is required.');
  const entity = ENTITY_TYPES.find((e) => e.toLowerCase() === entityRaw?.toLowerCase());
  const update = updateRaw ? UPDATE_TYPES[updateRaw.toLowerCase()] : undefined;
  if (entityRaw && !entity) b.fail('InvalidValue', `EntityType must be Order or Message, not '${entityRaw}'.`);
  if (updateRaw && !update) b.fail('InvalidValue', `EntityUpdateType must be I, U or D, not '${updateRaw}'.`);
  b.check();
  try {
    const w = await c.tx((tx) =>
      createVendorWebhook(tx, c.services.webhooks(), c.accountId, {
        format: 'billit',
        url,
        events: BILLIT_SUBSCRIPTIONS[entity!][update!],
        entityType: entity!,
        updateType: update!,
        max: BILLIT_MAX_WEBHOOKS,
        createdBy: c.ctx.userId,
      }),
    );
    return webhookView(c, w, w.secret);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'conflict')
      throw BillitError.bad('MaximumNumberOfWebhooksReached', `A company has at most ${BILLIT_MAX_WEBHOOKS} webhooks.`);
    if (err instanceof DomainError && err.code === 'validation')
      throw BillitError.bad('InvalidWebhookUrl', err.details.map((d) => d.message).join(' ') || err.message);
    throw err;
  }
}

async function list(c: Call) {
  return (await c.tx((tx) => listVendorWebhooks(tx, c.accountId, 'billit'))).map((w) => webhookView(c, w));
}

async function remove(c: Call) {
  await c.tx(async (tx) => {
    await checkVendorWebhook(tx, c.accountId, 'billit', c.id);
    await deleteWebhook(tx, c.accountId, c.id);
  });
  return true;
}

/** A new secret (the old one stops signing at once); Billit answers the secret as a JSON string. */
async function refresh(c: Call) {
  return c.tx(async (tx) => {
    await checkVendorWebhook(tx, c.accountId, 'billit', c.id);
    return (await rotateWebhookSecret(tx, c.services.webhooks(), c.ctx, c.id)).secret;
  });
}

/** Both spellings real clients use: `/webhooks` (T, the OpenAPI) and `/webhook` (B). */
export function registerWebhooks(route: Route): void {
  for (const base of ['/webhooks', '/webhook']) {
    route('POST', base, {}, create);
    route('GET', base, {}, list);
    route('DELETE', `${base}/:id`, {}, remove);
    route('POST', `${base}/refresh/:id`, {}, refresh);
    route('POST', `${base}/:id/refreshsecret`, {}, refresh);
  }
}
