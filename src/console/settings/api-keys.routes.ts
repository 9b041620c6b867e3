import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createApiKey } from '../../app/accounts/create-api-key.js';
import { listApiKeys } from '../../app/accounts/list-api-keys.js';
import { revokeApiKey } from '../../app/accounts/revoke-api-key.js';
import { inTransaction } from '../../app/context.js';
import { API_KEY_SCOPES } from '../../domain/api-key-scope.js';
import { notFound } from '../../domain/errors.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { type FieldErrors, fieldErrorsOf, formOf, formProblemOf, idParam, text } from './form.js';

const NAME_MAX = 100;
const iso = (v: string | Date | null) => (v ? new Date(v).toISOString() : null);

/** The account's API keys: list, create (the key shown once, on a page no cache keeps), revoke after a confirmation. */
export async function apiKeyRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;

  const keysOf = async (accountId: number) =>
    (await listApiKeys(db, accountId)).map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      scope: k.scope,
      createdAt: iso(k.created_at),
      lastUsedAt: iso(k.last_used_at),
      revokedAt: iso(k.revoked_at),
    }));

  const index = async (
    request: FastifyRequest,
    reply: FastifyReply,
    opts: {
      status?: number;
      errors?: FieldErrors;
      values?: { name: string; scope: string };
      problem?: { code: string; message: string } | null;
    } = {},
  ) => {
    const revoked = (request.query as { revoked?: string }).revoked;
    return reply.page(
      'settings/views/api-keys',
      {
        keys: await keysOf(ctxOf(request).accountId),
        scopes: API_KEY_SCOPES,
        errors: opts.errors ?? {},
        values: opts.values ?? { name: '', scope: 'issue' },
        problem: opts.problem ?? null,
        revoked: /^\d+$/.test(revoked ?? '') ? Number(revoked) : null,
      },
      { status: opts.status, title: 'settings.keys.title' },
    );
  };

  app.get('/api-keys', (request, reply) => index(request, reply));

  app.post('/api-keys', async (request, reply) => {
    const form = formOf(request);
    const values = { name: text(form, 'name').trim(), scope: text(form, 'scope') };
    const ctx = ctxOf(request);
    const errors: FieldErrors = {};
    if (!values.name) errors.name = { issue: 'required', message: 'A name says where the key is used.' };
    else if (values.name.length > NAME_MAX)
      errors.name = { issue: 'too_long', message: `At most ${NAME_MAX} characters.` };
    let created: Awaited<ReturnType<typeof createApiKey>> | null = null;
    if (!errors.name) {
      try {
        created = await inTransaction(db, (tx) =>
          createApiKey(tx, ctx.accountId, { name: values.name, scope: values.scope, userId: ctx.userId ?? undefined }),
        );
      } catch (err) {
        Object.assign(errors, fieldErrorsOf(err));
        if (!Object.keys(errors).length) throw err;
      }
    }
    if (!created) return index(request, reply, { status: 422, errors, values });
    // The key is on this answer only (only its hash is stored): no cache may keep the page.
    reply.header('cache-control', 'no-store');
    return reply.page(
      'settings/views/api-key-created',
      { key: created.key, name: created.name, scope: created.scope, prefix: created.prefix },
      { title: 'settings.keys.title' },
    );
  });

  const keyOf = async (request: FastifyRequest) => {
    const id = idParam(request);
    const key = (await keysOf(ctxOf(request).accountId)).find((k) => k.id === id);
    if (!key) throw notFound('API key', id);
    return key;
  };

  app.get('/api-keys/:id/revoke', async (request, reply) =>
    reply.page('settings/views/api-key-revoke', { key: await keyOf(request) }, { title: 'settings.keys.title' }),
  );

  app.post('/api-keys/:id/revoke', async (request, reply) => {
    const key = await keyOf(request);
    try {
      await inTransaction(db, (tx) => revokeApiKey(tx, ctxOf(request).accountId, key.id));
    } catch (err) {
      const problem = formProblemOf(err);
      if (!problem) throw err;
      return index(request, reply, { status: 409, problem });
    }
    return reply.redirect(`/console/api-keys?revoked=${key.id}`, 303);
  });
}
