import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTransaction } from '../../app/context.js';
import { deleteSmtpSettings } from '../../app/email/delete-smtp-settings.js';
import { getSmtpSettings } from '../../app/email/get-smtp-settings.js';
import { listEmails } from '../../app/email/list-emails.js';
import { sendTestEmail } from '../../app/email/send-test-email.js';
import { updateSmtpSettings } from '../../app/email/update-smtp-settings.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { type FieldErrors, formOf, text } from './form.js';
import { refusalOf, saveSecretSettings, type SecretFormState } from './secret-settings-form.js';

const idOf = (v: unknown) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : null);

/** The account's own SMTP server (the password is never shown back) and a test e-mail sent through it. */
export async function smtpRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;
  const email = () => services.email();

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    opts: SecretFormState & { testErrors?: FieldErrors; testTo?: string } = {},
  ) => {
    const { accountId } = ctxOf(request);
    const settings = await getSmtpSettings(db, email(), accountId);
    const q = request.query as { saved?: string; test?: string };
    const testId = idOf(q.test);
    const test = testId
      ? ((await listEmails(db, accountId, { ids: [testId], kinds: ['test'] }, { page: 1, perPage: 1 })).items[0] ??
        null)
      : null;
    const a = settings.account;
    return reply.page(
      'settings/views/smtp',
      {
        settings,
        errors: opts.errors ?? {},
        values: opts.values ?? {
          host: a?.host ?? '',
          port: a ? String(a.port) : '',
          secure: a?.secure ?? false,
          username: a?.username ?? '',
          from: a?.from ?? '',
          replyTo: a?.replyTo ?? '',
        },
        testErrors: opts.testErrors ?? {},
        testTo: opts.testTo ?? '',
        problem: opts.problem ?? null,
        test: test && {
          id: test.id,
          status: test.status,
          to: test.to_addresses,
          error: test.last_error,
          response: test.log.at(-1)?.smtp_response ?? null,
          server: test.log.at(-1)?.server ?? null,
        },
        saved: q.saved === 'settings' || q.saved === 'removed' ? q.saved : null,
      },
      { status: opts.status, title: 'settings.smtp.title' },
    );
  };

  app.get('/settings/smtp', (request, reply) => show(request, reply));

  app.post('/settings/smtp', async (request, reply) => {
    const form = formOf(request);
    const values = {
      host: text(form, 'host').trim(),
      port: text(form, 'port').trim(),
      secure: text(form, 'secure') === 'on',
      username: text(form, 'username').trim(),
      from: text(form, 'from').trim(),
      replyTo: text(form, 'replyTo').trim(),
    };
    const password = text(form, 'password');
    const clearPassword = text(form, 'clearPassword') === 'on';
    return saveSecretSettings(
      reply,
      () =>
        inTransaction(db, (tx) =>
          updateSmtpSettings(tx, email().secrets, ctxOf(request).accountId, {
            host: values.host,
            port: values.port === '' ? undefined : Number(values.port),
            secure: values.secure,
            username: values.username || null,
            // Empty: keep the stored password (it is never shown back); the box removes it.
            password: clearPassword ? null : password || undefined,
            from: values.from || null,
            replyTo: values.replyTo || null,
          }),
        ),
      '/console/settings/smtp?saved=settings',
      (state) => show(request, reply, state),
      values,
    );
  });

  app.post('/settings/smtp/delete', async (request, reply) => {
    await inTransaction(db, (tx) => deleteSmtpSettings(tx, ctxOf(request).accountId));
    return reply.redirect('/console/settings/smtp?saved=removed', 303);
  });

  app.post('/settings/smtp/test', async (request, reply) => {
    const to = text(formOf(request), 'to').trim();
    try {
      const r = await sendTestEmail(db, email(), ctxOf(request), { to });
      return reply.redirect(`/console/settings/smtp?test=${r.emailId}`, 303);
    } catch (err) {
      const { status, errors: testErrors, problem } = refusalOf(err);
      return show(request, reply, { status, testErrors, problem, testTo: to });
    }
  });
}
