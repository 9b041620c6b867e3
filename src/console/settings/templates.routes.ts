import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getAccount } from '../../app/accounts/get-account.js';
import { inTransaction } from '../../app/context.js';
import { getEmailTemplate } from '../../app/email/get-email-template.js';
import { resetEmailTemplate } from '../../app/email/reset-email-template.js';
import { updateEmailTemplate } from '../../app/email/update-email-template.js';
import { emailLanguages, type EmailLang } from '../../domain/email/templates.js';
import { notFound } from '../../domain/errors.js';
import { regimeOf } from '../../domain/regime/registry.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { type FieldErrors, fieldErrorsOf, formOf, text } from './form.js';
import { previewTemplate } from './template-preview.js';

/** The e-mail templates of each of the account's languages: edit, preview with an example, reset to the default. */
export async function templateRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;

  /** The account and the language of the URL, if the account writes e-mails in it (else a 404 page). */
  const languageOf = async (request: FastifyRequest) => {
    const account = await getAccount(db, ctxOf(request).accountId);
    const languages = emailLanguages(regimeOf(account).code);
    const lang = (request.params as { lang?: string }).lang;
    if (lang !== undefined && !(languages as readonly string[]).includes(lang)) throw notFound('e-mail language');
    return { account, languages, lang: lang as EmailLang };
  };

  app.get('/settings/templates', async (request, reply) => {
    const { account, languages } = await languageOf(request);
    const templates = [];
    for (const l of languages) templates.push(await getEmailTemplate(db, account.id, l));
    return reply.page(
      'settings/views/templates',
      { templates: templates.map((t) => ({ language: t.language, custom: t.custom, updatedAt: t.updatedAt })) },
      { title: 'settings.templates.title' },
    );
  });

  const edit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { status?: number; errors?: FieldErrors; values?: { subject: string; body: string } } = {},
  ) => {
    const { account, lang } = await languageOf(request);
    const t = await getEmailTemplate(db, account.id, lang);
    const saved = (request.query as { saved?: string }).saved;
    return reply.page(
      'settings/views/template',
      {
        template: t,
        placeholders: Object.entries(t.placeholders).map(([name, description]) => ({ name, description })),
        values: opts.values ?? { subject: t.subject, body: t.body },
        errors: opts.errors ?? {},
        preview: previewTemplate(t, lang, account.tradeName || account.legalName),
        saved: saved === 'template' || saved === 'reset' ? saved : null,
      },
      { status: opts.status, title: 'settings.templates.title' },
    );
  };

  app.get('/settings/templates/:lang', (request, reply) => edit(request, reply));

  app.post('/settings/templates/:lang', async (request, reply) => {
    const { account, lang } = await languageOf(request);
    const form = formOf(request);
    const values = { subject: text(form, 'subject'), body: text(form, 'body').replace(/\r\n?/g, '\n') };
    try {
      await inTransaction(db, (tx) => updateEmailTemplate(tx, account.id, lang, values));
    } catch (err) {
      const errors = fieldErrorsOf(err);
      if (!errors) throw err;
      return edit(request, reply, { status: 422, errors, values });
    }
    return reply.redirect(`/console/settings/templates/${lang}?saved=template`, 303);
  });

  app.post('/settings/templates/:lang/reset', async (request, reply) => {
    const { account, lang } = await languageOf(request);
    await inTransaction(db, (tx) => resetEmailTemplate(tx, account.id, lang));
    return reply.redirect(`/console/settings/templates/${lang}?saved=reset`, 303);
  });
}
