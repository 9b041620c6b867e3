import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { pageRequest } from '../../app/pagination.js';
import { createWebhook } from '../../app/webhooks/create-webhook.js';
import { deleteWebhook } from '../../app/webhooks/delete-webhook.js';
import { getWebhook } from '../../app/webhooks/get-webhook.js';
import { listWebhookDeliveries, type DeliveryFilter } from '../../app/webhooks/list-webhook-deliveries.js';
import { listWebhooks } from '../../app/webhooks/list-webhooks.js';
import { redeliverWebhook } from '../../app/webhooks/redeliver-webhook.js';
import { rotateWebhookSecret } from '../../app/webhooks/rotate-webhook-secret.js';
import { updateWebhook } from '../../app/webhooks/update-webhook.js';
import { DomainError } from '../../domain/errors.js';
import { WEBHOOK_EVENTS } from '../../domain/webhooks/events.js';
import { ctxOf, principalOf } from '../kit/request-context.js';
import { isoInstant } from './document-view.js';
import { IdParams, PageQuery } from './schemas.js';
import { op } from './operation.js';
import type { RouteDeps } from './deps.js';

const tags = ['webhooks'];
const EVENT_LIST = Object.entries(WEBHOOK_EVENTS)
  .map(([k, v]) => `${k}: ${v}`)
  .join('\n');
const Events = Type.Array(Type.String({ maxLength: 60 }), {
  minItems: 1,
  maxItems: 50,
  description: `Event names, or ["*"] for every event.\n${EVENT_LIST}`,
});
const NullableString = (opts: { maxLength: number; description?: string }) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...opts });
type WebhookDeliveryStatus = NonNullable<DeliveryFilter['statuses']>[number];
const DELIVERY_STATUSES: WebhookDeliveryStatus[] = ['pending', 'retrying', 'succeeded', 'failed', 'cancelled'];
const csv = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

function endpointJson(e: Awaited<ReturnType<typeof getWebhook>>) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events,
    enabled: e.enabled,
    secretHint: e.secret_hint,
    previousSecretExpiresAt: e.previous_expires_at ? isoInstant(e.previous_expires_at) : null,
    createdAt: isoInstant(e.created_at),
    updatedAt: isoInstant(e.updated_at),
  };
}

type DeliveryRow = Awaited<ReturnType<typeof listWebhookDeliveries>>['items'][number];

function deliveryJson(d: DeliveryRow) {
  return {
    id: d.id,
    endpointId: d.endpoint_id,
    eventId: d.event_id,
    eventType: d.event_type,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    redeliveryOf: d.redelivery_of,
    createdAt: isoInstant(d.created_at),
    updatedAt: isoInstant(d.updated_at),
    deliveredAt: d.delivered_at ? isoInstant(d.delivered_at) : null,
    payload: JSON.parse(d.payload) as unknown,
    log: d.log.map((a) => ({
      attempt: a.attempt,
      statusCode: a.status_code,
      responseExcerpt: a.response_excerpt,
      error: a.error,
      durationMs: a.duration_ms,
      signatureTimestamp: a.signature_timestamp,
      startedAt: isoInstant(a.started_at),
      finishedAt: isoInstant(a.finished_at),
    })),
  };
}

/** Webhook endpoints, their signing secrets, the delivery log and manual redelivery (native API). */
export const webhookRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db, services }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const deps = services.webhooks();
  const acc = (r: Parameters<typeof principalOf>[0]) => principalOf(r).accountId;

  app.post(
    '/webhooks',
    {
      schema: {
        ...op({
          id: 'createWebhook',
          tags,
          summary: 'Register an endpoint (the response carries its signing secret, shown only here and on rotation)',
          ok: { status: 201, schema: 'WebhookWithSecret', description: 'The endpoint and its secret' },
        }),
        description:
          'Deliveries are POSTs of {id, type, createdAt, accountId, data} with headers Faturador-Event-Id, Faturador-Event-Type, ' +
          'Faturador-Delivery-Id, Faturador-Delivery-Attempt and Faturador-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>. ' +
          'Any 2xx acknowledges; anything else is retried with exponential backoff.',
        body: Type.Object(
          {
            url: Type.String({
              maxLength: 2048,
              description: 'https:// (http:// only where WEBHOOK_ALLOW_HTTP allows it)',
            }),
            events: Events,
            description: Type.Optional(NullableString({ maxLength: 200 })),
            enabled: Type.Optional(Type.Boolean()),
          },
          {
            additionalProperties: false,
            examples: [
              { url: 'https://erp.example.com/hooks/faturador', events: ['document.finalized', 'document.paid'] },
            ],
          },
        ),
      },
    },
    async (request, reply) => {
      const accountId = acc(request);
      const { id, secret } = await db.transaction().execute((tx) => createWebhook(tx, deps, accountId, request.body));
      return reply.status(201).send({ ...endpointJson(await getWebhook(db, accountId, id)), secret });
    },
  );

  app.get(
    '/webhooks',
    {
      schema: op({
        id: 'listWebhooks',
        tags,
        summary: 'The account’s endpoints',
        ok: { status: 200, schema: 'WebhookList', description: 'The endpoints' },
      }),
    },
    async (request) => ({ data: (await listWebhooks(db, acc(request))).map(endpointJson) }),
  );

  app.get(
    '/webhooks/:id',
    {
      schema: {
        ...op({
          id: 'getWebhook',
          tags,
          summary: 'An endpoint (without its secret)',
          ok: { status: 200, schema: 'Webhook', description: 'The endpoint' },
        }),
        params: IdParams,
      },
    },
    async (request) => endpointJson(await getWebhook(db, acc(request), request.params.id)),
  );

  app.patch(
    '/webhooks/:id',
    {
      schema: {
        ...op({
          id: 'updateWebhook',
          tags,
          summary: 'Change an endpoint’s URL, events, description, or enable/disable it',
          ok: { status: 200, schema: 'Webhook', description: 'The endpoint' },
        }),
        params: IdParams,
        body: Type.Object(
          {
            url: Type.Optional(Type.String({ maxLength: 2048 })),
            events: Type.Optional(Events),
            description: Type.Optional(NullableString({ maxLength: 200 })),
            enabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, examples: [{ enabled: false }] },
        ),
      },
    },
    async (request) => {
      const accountId = acc(request);
      await db.transaction().execute((tx) => updateWebhook(tx, deps, accountId, request.params.id, request.body));
      return endpointJson(await getWebhook(db, accountId, request.params.id));
    },
  );

  app.delete(
    '/webhooks/:id',
    {
      schema: {
        ...op({
          id: 'deleteWebhook',
          tags,
          summary: 'Remove an endpoint and its delivery log',
          ok: { status: 204, description: 'Removed' },
        }),
        params: IdParams,
      },
    },
    async (request, reply) => {
      await db.transaction().execute((tx) => deleteWebhook(tx, acc(request), request.params.id));
      return reply.status(204).send();
    },
  );

  app.post(
    '/webhooks/:id/rotate-secret',
    {
      schema: {
        ...op({
          id: 'rotateWebhookSecret',
          tags,
          summary: 'Replace the signing secret (the new one is returned once)',
          ok: { status: 200, schema: 'WebhookWithSecret', description: 'The endpoint and its new secret' },
          openapi: {
            requestBody: {
              required: false,
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    additionalProperties: false,
                    properties: { graceSeconds: { type: 'integer', minimum: 0, maximum: 604800 } },
                  },
                  example: { graceSeconds: 3600 },
                },
              },
            },
          },
        }),
        params: IdParams,
        description:
          'Optional JSON body {"graceSeconds": 0..604800}: keep signing with the old secret too (a second v1 in the header) for that long. Default 0.',
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as { graceSeconds?: unknown };
      if (typeof body !== 'object' || Array.isArray(body))
        throw new DomainError('validation', 'The body is a JSON object.', [
          { field: 'body', issue: 'invalid', message: 'A JSON object, e.g. {"graceSeconds": 3600}.' },
        ]);
      const r = await db.transaction().execute((tx) =>
        rotateWebhookSecret(tx, deps, ctx, request.params.id, {
          graceSeconds: body.graceSeconds as number | undefined,
        }),
      );
      return { ...endpointJson(await getWebhook(db, ctx.accountId, request.params.id)), secret: r.secret };
    },
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        ...op({
          id: 'listWebhookDeliveries',
          tags,
          summary:
            'The endpoint’s deliveries, newest first, each with its attempts (status code, response excerpt, duration)',
          ok: { status: 200, schema: 'WebhookDeliveryPage', description: 'A page of deliveries' },
        }),
        params: IdParams,
        querystring: Type.Object({
          ...PageQuery,
          status: Type.Optional(
            Type.String({
              maxLength: 100,
              description: 'Comma-separated: pending,retrying,succeeded,failed,cancelled',
            }),
          ),
          eventType: Type.Optional(Type.String({ maxLength: 500, description: 'Comma-separated event names' })),
          eventId: Type.Optional(Type.String({ maxLength: 100 })),
        }),
      },
    },
    async (request) => {
      const accountId = acc(request);
      await getWebhook(db, accountId, request.params.id);
      const q = request.query;
      const statuses = csv(q.status);
      const bad = statuses?.filter((s) => !(DELIVERY_STATUSES as string[]).includes(s));
      if (bad?.length)
        throw new DomainError('validation', 'Unknown status.', [
          {
            field: 'querystring.status',
            issue: 'invalid',
            message: `One or more of ${DELIVERY_STATUSES.join(', ')}.`,
            value: bad.join(','),
          },
        ]);
      const r = await listWebhookDeliveries(
        db,
        accountId,
        {
          endpointId: request.params.id,
          statuses: statuses as WebhookDeliveryStatus[] | undefined,
          eventTypes: csv(q.eventType),
          eventId: q.eventId,
        },
        pageRequest(q.page, q.perPage),
      );
      return {
        data: r.items.map(deliveryJson),
        pagination: { page: r.page, perPage: r.perPage, total: r.total, totalPages: r.totalPages },
      };
    },
  );

  app.post(
    '/webhooks/deliveries/:id/redeliver',
    {
      schema: {
        ...op({
          id: 'redeliverWebhook',
          tags,
          summary: 'Send a delivery’s event again, as a new delivery with the same event id and body (202)',
          ok: { status: 202, schema: 'WebhookDelivery', description: 'The new delivery' },
          errors: [409],
        }),
        params: IdParams,
      },
    },
    async (request, reply) => {
      const accountId = acc(request);
      const id = await db.transaction().execute((tx) => redeliverWebhook(tx, accountId, request.params.id));
      const r = await listWebhookDeliveries(db, accountId, { ids: [id] }, { page: 1, perPage: 1 });
      return reply.status(202).send(deliveryJson(r.items[0]));
    },
  );
};
