import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getAtSettings } from '../../app/at/get-at-settings.js';
import { testAtConnection } from '../../app/at/test-at-connection.js';
import { updateAtSettings, type AtSettingsInput } from '../../app/at/update-at-settings.js';
import { inTransaction } from '../../app/context.js';
import { DomainError } from '../../domain/errors.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { formOf, formProblemOf, text } from './form.js';
import { saveSecretSettings, type SecretFormState } from './secret-settings-form.js';

type TestResult = Awaited<ReturnType<typeof testAtConnection>>;

/** The account's AT sub-user (the password is never shown back, only whether one is stored) and a connection test. */
export async function atRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;
  const at = () => services.at();

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    opts: SecretFormState & { test?: TestResult } = {},
  ) => {
    let settings: Awaited<ReturnType<typeof getAtSettings>> | null = null;
    let unavailable: string | null = null;
    try {
      settings = await getAtSettings(db, at(), ctxOf(request).accountId);
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'not_in_regime')) throw err;
      unavailable = err.message;
    }
    const saved = (request.query as { saved?: string }).saved;
    return reply.page(
      'settings/views/at',
      {
        settings,
        unavailable,
        errors: opts.errors ?? {},
        values: opts.values ?? {
          environment: settings?.environment ?? 'test',
          username: settings?.username ?? '',
          transportEnabled: settings?.transportEnabled ?? false,
          invoicesEnabled: settings?.invoicesEnabled ?? false,
        },
        problem: opts.problem ?? null,
        test: opts.test ?? null,
        saved: saved === 'settings' || saved === 'removed' ? saved : null,
      },
      { status: opts.status, title: 'settings.at.title' },
    );
  };

  app.get('/settings/at', (request, reply) => show(request, reply));

  app.post('/settings/at', async (request, reply) => {
    const form = formOf(request);
    const values = {
      environment: text(form, 'environment'),
      username: text(form, 'username').trim(),
      transportEnabled: text(form, 'transportEnabled') === 'on',
      invoicesEnabled: text(form, 'invoicesEnabled') === 'on',
    };
    const password = text(form, 'password');
    const input: AtSettingsInput = {
      environment: values.environment as AtSettingsInput['environment'],
      username: values.username || null,
      transportEnabled: values.transportEnabled,
      invoicesEnabled: values.invoicesEnabled,
      // An empty password field keeps the stored one (it is never shown back).
      ...(password ? { password } : {}),
    };
    return saveSecretSettings(
      reply,
      () => inTransaction(db, (tx) => updateAtSettings(tx, at(), ctxOf(request).accountId, input)),
      '/console/settings/at?saved=settings',
      (state) => show(request, reply, state),
      values,
    );
  });

  app.post('/settings/at/remove', async (request, reply) => {
    await inTransaction(db, (tx) =>
      updateAtSettings(tx, at(), ctxOf(request).accountId, {
        username: null,
        password: null,
        transportEnabled: false,
        invoicesEnabled: false,
      }),
    );
    return reply.redirect('/console/settings/at?saved=removed', 303);
  });

  // The answer is shown at once, not redirected to: the test only reads at AT (consultarSeries).
  app.post('/settings/at/test', async (request, reply) => {
    const ctx = ctxOf(request);
    try {
      const test = await testAtConnection(db, at(), ctx.accountId, ctx.now);
      return show(request, reply, { test });
    } catch (err) {
      const problem = formProblemOf(err);
      if (!problem) throw err;
      return show(request, reply, { status: 409, problem });
    }
  });
}
