import { deleteSmtpSettings } from '../../../app/email/delete-smtp-settings.js';
import { getEmailTemplate } from '../../../app/email/get-email-template.js';
import { getSmtpSettings } from '../../../app/email/get-smtp-settings.js';
import { queueDocumentEmail } from '../../../app/email/queue-document-email.js';
import { resetEmailTemplate } from '../../../app/email/reset-email-template.js';
import { sendTestEmail } from '../../../app/email/send-test-email.js';
import { updateEmailTemplate } from '../../../app/email/update-email-template.js';
import { updateSmtpSettings } from '../../../app/email/update-smtp-settings.js';
import type { EmailDeps } from '../../../app/email/ports.js';
import { getDocument } from '../../../app/documents/get-document.js';
import type { Lang } from '../../../domain/documents/types.js';
import { BillptError } from '../billpt-error.js';
import type { Call, Route } from '../context.js';
import type { FieldMap } from '../field-names.js';

/** bill.pt e-mail templates have ids; the core keeps one template per language: 1 pt, 2 en, 3 fr. */
const LANGS: Lang[] = ['pt', 'en', 'fr'];
const SMTP_FIELDS: FieldMap = {
  host: 'host',
  port: 'porta',
  secure: 'seguranca',
  username: 'utilizador',
  password: 'password',
  from: 'email',
  replyTo: 'responder_para',
};
const TEMPLATE_FIELDS: FieldMap = { subject: 'assunto', body: 'mensagem', language: 'lingua' };
const SENT = ['Enviado com sucesso'];

async function smtpJson(c: Call, email: EmailDeps) {
  const s = await getSmtpSettings(c.db, email, c.accountId);
  const a = s.account;
  return {
    host: a?.host ?? null,
    porta: a?.port ?? null,
    seguranca: a ? (a.secure ? 'ssl' : 'tls') : null,
    utilizador: a?.username ?? null,
    password: a?.passwordSet ? 1 : 0,
    email: a?.from ?? s.installation.from ?? null,
    responder_para: a?.replyTo ?? null,
    origem: s.source === 'account' ? 'conta' : s.source === 'installation' ? 'servidor' : null,
  };
}

async function templateJson(c: Call, lang: Lang) {
  const t = await getEmailTemplate(c.db, c.accountId, lang);
  return {
    id: LANGS.indexOf(lang) + 1,
    empresa_id: c.accountId,
    lingua: lang,
    assunto: t.subject,
    mensagem: t.body,
    personalizado: t.custom ? 1 : 0,
  };
}

function langOf(c: Call, fromId: boolean): Lang {
  if (fromId) {
    const lang = LANGS[c.id - 1];
    if (!lang) throw new BillptError(404, ['9.id']);
    return lang;
  }
  const l = (c.input.text('lingua') ?? 'pt').toLowerCase();
  if (!LANGS.includes(l as Lang)) throw new BillptError(422, ['9.lingua']);
  return l as Lang;
}

/** SMTP settings, e-mail templates, the test e-mail and e-mailing a document, on the core's e-mail use cases. */
export function emailRoutes(route: Route, email: () => EmailDeps): void {
  const smtp = { billptFields: SMTP_FIELDS };
  route('GET', '/smtp', smtp, async (c) => smtpJson(c, email()));
  route('POST', '/smtp', smtp, async (c) => {
    const i = c.input;
    i.require('host');
    const security = (i.text('seguranca', 'encriptacao') ?? '').toLowerCase();
    const secure = security ? security === 'ssl' : i.bool('ssl', 'secure');
    const input = {
      host: i.text('host') ?? '',
      port: i.int('porta', 'port'),
      secure,
      username: i.text('utilizador', 'username', 'user'),
      password: i.text('password', 'senha') ?? undefined,
      from: i.text('email', 'from', 'remetente'),
      replyTo: i.text('responder_para', 'reply_to'),
    };
    i.check();
    await c.tx((tx) => updateSmtpSettings(tx, email().secrets, c.accountId, input));
    return smtpJson(c, email());
  });
  route('DELETE', '/smtp', smtp, async (c) => {
    await c.tx((tx) => deleteSmtpSettings(tx, c.accountId));
    return c.reply.status(204).send();
  });
  route(
    'POST',
    '/smtp/email-teste',
    { billptFields: { ...SMTP_FIELDS, to: 'email', subject: 'assunto', body: 'mensagem' } },
    async (c) => {
      c.input.require('email', 'to');
      const to = c.input.text('email', 'to');
      c.input.check();
      const r = await sendTestEmail(c.db, email(), c.ctx, {
        to,
        subject: c.input.text('assunto'),
        body: c.input.text('mensagem'),
      });
      if (!r.ok) throw new BillptError(422, ['209'], r.error ?? 'The SMTP server refused the message.');
      return SENT;
    },
  );

  const tpl = { billptFields: TEMPLATE_FIELDS };
  route('GET', '/email-template', tpl, async (c) => Promise.all(LANGS.map((l) => templateJson(c, l))));
  const save = (fromId: boolean) => async (c: Call) => {
    const lang = langOf(c, fromId);
    const input = { subject: c.input.text('assunto', 'subject'), body: c.input.text('mensagem', 'body', 'texto') };
    c.input.check();
    // A PATCH changes what it sends and keeps the rest; a POST sets the template (what it leaves out is the default).
    await c.tx((tx) => updateEmailTemplate(tx, c.accountId, lang, input, { omitted: fromId ? 'keep' : 'default' }));
    return templateJson(c, lang);
  };
  route('POST', '/email-template', tpl, save(false));
  route('PATCH', '/email-template/:id', tpl, save(true));
  route('DELETE', '/email-template/:id', tpl, async (c) => {
    const lang = langOf(c, true);
    await c.tx((tx) => resetEmailTemplate(tx, c.accountId, lang));
    return c.reply.status(204).send();
  });

  // The document's PDF by e-mail, through the outbox (the core never sends inline).
  route(
    'POST',
    '/documentos/enviar-por-email',
    {
      billptFields: { to: 'email', id: 'documento_id', subject: 'assunto', body: 'mensagem' },
      billptDocField: 'documento_id',
    },
    async (c) => {
      c.input.require('documento_id', 'id');
      c.input.require('email', 'to');
      const id = c.input.id('documento_id', 'id');
      const to = c.input.raw('email', 'to');
      c.input.check();
      await getDocument(c.db, c.accountId, id!);
      await c.tx((tx) =>
        queueDocumentEmail(tx, c.ctx, id!, { to, subject: c.input.text('assunto'), body: c.input.text('mensagem') }),
      );
      return SENT;
    },
  );
}
