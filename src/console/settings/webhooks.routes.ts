import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTransaction } from '../../app/context.js';
import { pageRequest } from '../../app/pagination.js';
import { createWebhook } from '../../app/webhooks/create-webhook.js';
import { deleteWebhook } from '../../app/webhooks/delete-webhook.js';
import { getWebhook } from '../../app/webhooks/get-webhook.js';
import { listWebhookDeliveries } from '../../app/webhooks/list-webhook-deliveries.js';
import { listWebhooks } from '../../app/webhooks/list-webhooks.js';
import { redeliverWebhook } from '../../app/webhooks/redeliver-webhook.js';
import { updateWebhook } from '../../app/webhooks/update-webhook.js';
import { notFound } from '../../domain/errors.js';
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhooks/events.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { type FieldErrors, fieldErrorsOf, formOf, formProblemOf, idParam, list, text } from './form.js';

const endpointView = (e: Awaited<ReturnType<typeof getWebhook>>) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: e.events,
  enabled: e.enabled,
  secretHint: e.secret_hint,
  createdAt: new Date(e.created_at).toISOString(),
});

/** Webhook endpoints: list, create (the signing secret shown once), enable/disable, delete; deliveries, redeliver. */
export async function webhookRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;
  const deps = () => services.webhooks();

  const index = async (
    request: FastifyRequest,
    reply: FastifyReply,
    opts: {
      status?: number;
      errors?: FieldErrors;
      values?: { url: string; description: string; events: string[] };
    } = {},
  ) => {
    const endpoints = await listWebhooks(db, ctxOf(request).accountId);
    const deleted = (request.query as { deleted?: string }).deleted === '1';
    return reply.page(
      'settings/views/webhooks',
      {
        endpoints: endpoints.map(endpointView),
        eventTypes: WEBHOOK_EVENT_TYPES,
        errors: opts.errors ?? {},
        values: opts.values ?? { url: '', description: '', events: [] },
        deleted,
      },
      { status: opts.status, title: 'settings.webhooks.title' },
    );
  };

  app.get('/settings/webhooks', (request, reply) => index(request, reply));

  app.post('/settings/webhooks', async (request, reply) => {
    const form = formOf(request);
    const values = {
      url: text(form, 'url').trim(),
      description: text(form, 'description').trim(),
      events: list(form, 'events'),
    };
    const accountId = ctxOf(request).accountId;
    let created: { id: number; secret: string };
    try {
      created = await inTransaction(db, (tx) =>
        createWebhook(tx, deps(), accountId, {
          url: values.url,
          events: values.events,
          description: values.description || null,
        }),
      );
    } catch (err) {
      const errors = fieldErrorsOf(err);
      const problem = formProblemOf(err);
      if (!errors && !problem) throw err;
      return index(request, reply, {
        status: errors ? 422 : 409,
        errors: errors ?? { url: { issue: problem!.code, message: problem!.message } },
        values,
      });
    }
    // The secret is on this answer only: it is stored sealed, and this page must not be kept by any cache.
    reply.header('cache-control', 'no-store');
    return reply.page(
      'settings/views/webhook-created',
      { endpoint: endpointView(await getWebhook(db, accountId, created.id)), secret: created.secret },
      { title: 'settings.webhooks.title' },
    );
  });

  const detail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    opts: { status?: number; problem?: { code: string; message: string } | null } = {},
  ) => {
    const accountId = ctxOf(request).accountId;
    const endpoint = await getWebhook(db, accountId, id);
    const q = request.query as { page?: string; redelivered?: string };
    const deliveries = await listWebhookDeliveries(db, accountId, { endpointId: id }, pageRequest(q.page, 20));
    return reply.page(
      'settings/views/webhook',
      {
        endpoint: endpointView(endpoint),
        deliveries: deliveries.items.map((d) => ({
          id: d.id,
          eventType: d.event_type,
          eventId: d.event_id,
          status: d.status,
          attempts: d.attempts,
          lastStatusCode: d.last_status_code,
          lastError: d.last_error,
          redeliveryOf: d.redelivery_of,
          createdAt: new Date(d.created_at).toISOString(),
        })),
        page: deliveries.page,
        totalPages: deliveries.totalPages,
        redelivered: /^\d+$/.test(q.redelivered ?? '') ? Number(q.redelivered) : null,
        problem: opts.problem ?? null,
      },
      { status: opts.status, title: 'settings.webhooks.title' },
    );
  };

  app.get('/settings/webhooks/:id', (request, reply) => detail(request, reply, idParam(request)));

  app.post('/settings/webhooks/:id/enabled', async (request, reply) => {
    const id = idParam(request);
    const enabled = text(formOf(request), 'enabled') === 'true';
    await inTransaction(db, (tx) => updateWebhook(tx, deps(), ctxOf(request).accountId, id, { enabled }));
    return reply.redirect(`/console/settings/webhooks/${id}`, 303);
  });

  app.get('/settings/webhooks/:id/delete', async (request, reply) => {
    const endpoint = await getWebhook(db, ctxOf(request).accountId, idParam(request));
    return reply.page(
      'settings/views/webhook-delete',
      { endpoint: endpointView(endpoint) },
      { title: 'settings.webhooks.title' },
    );
  });

  app.post('/settings/webhooks/:id/delete', async (request, reply) => {
    const id = idParam(request);
    await inTransaction(db, (tx) => deleteWebhook(tx, ctxOf(request).accountId, id));
    return reply.redirect('/console/settings/webhooks?deleted=1', 303);
  });

  app.post('/settings/webhooks/:endpointId/deliveries/:id/redeliver', async (request, reply) => {
    const accountId = ctxOf(request).accountId;
    const endpointId = idParam(request, 'endpointId');
    const id = idParam(request);
    const found = await listWebhookDeliveries(db, accountId, { endpointId, ids: [id] }, { page: 1, perPage: 1 });
    if (!found.items.length) throw notFound('webhook delivery', id);
    try {
      const newId = await inTransaction(db, (tx) => redeliverWebhook(tx, accountId, id));
      services.pokeWorker();
      return reply.redirect(`/console/settings/webhooks/${endpointId}?redelivered=${newId}`, 303);
    } catch (err) {
      const problem = formProblemOf(err);
      if (!problem) throw err;
      return detail(request, reply, endpointId, { status: 409, problem });
    }
  });
}
