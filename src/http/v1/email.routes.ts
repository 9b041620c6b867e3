import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { deleteSmtpSettings } from '../../app/email/delete-smtp-settings.js';
import { getEmailTemplate } from '../../app/email/get-email-template.js';
import { getSmtpSettings } from '../../app/email/get-smtp-settings.js';
import { listEmails, type EmailFilter } from '../../app/email/list-emails.js';
import { queueDocumentEmail } from '../../app/email/queue-document-email.js';
import { resetEmailTemplate } from '../../app/email/reset-email-template.js';
import { sendTestEmail } from '../../app/email/send-test-email.js';
import { updateEmailTemplate } from '../../app/email/update-email-template.js';
import { updateSmtpSettings } from '../../app/email/update-smtp-settings.js';
import { getDocument } from '../../app/documents/get-document.js';
import { pageRequest } from '../../app/pagination.js';
import { DomainError } from '../../domain/errors.js';
import { ctxOf, principalOf } from '../kit/request-context.js';
import { isoInstant } from './document-view.js';
import { copyRequest } from './pdf.routes.js';
import { IdParams, PageQuery } from './schemas.js';
import { op } from './operation.js';
import type { RouteDeps } from './deps.js';

const tags = ['e-mail'];
const Addresses = (description: string) =>
  Type.Union([Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 254 }), { maxItems: 50 })], {
    description,
  });
const NullableString = (opts: { maxLength: number; description?: string }) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...opts });
const Instant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?)?$',
  description: 'YYYY-MM-DD or an ISO 8601 instant',
});
// Dutch and German are the languages of Belgian sellers' documents (and so of their e-mails).
const Language = Type.Object({
  language: Type.Union([
    Type.Literal('pt'),
    Type.Literal('en'),
    Type.Literal('fr'),
    Type.Literal('nl'),
    Type.Literal('de'),
  ]),
});
type EmailStatus = NonNullable<EmailFilter['statuses']>[number];
const STATUSES: EmailStatus[] = ['queued', 'retrying', 'sent', 'failed'];
const csv = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

const EmailBody = Type.Object(
  {
    to: Addresses('Recipients: a list, or one string separated by commas or semicolons'),
    cc: Type.Optional(Addresses('Copy recipients')),
    bcc: Type.Optional(Addresses('Blind copy recipients')),
    subject: Type.Optional(NullableString({ maxLength: 300, description: 'Instead of the template’s subject' })),
    body: Type.Optional(
      NullableString({ maxLength: 20000, description: 'Instead of the template’s body (plain text)' }),
    ),
    copy: Type.Optional(
      Type.Union(
        ['original', 'duplicate', 'reprint', 'second', 'auto'].map((v) => Type.Literal(v)),
        {
          description:
            'The copy mark of the attached PDF. original (default): the Original when the document was never printed, else a "2.ª via" ' +
            '(D8632 §2.2.15); duplicate, reprint: as asked; auto: as a download would be. The e-mail counts as a print.',
        },
      ),
    ),
  },
  { additionalProperties: false, examples: [{ to: 'cliente@example.com' }] },
);

type EmailRow = Awaited<ReturnType<typeof listEmails>>['items'][number];

export function emailJson(e: EmailRow) {
  return {
    id: e.id,
    documentId: e.document_id,
    kind: e.kind,
    origin: e.origin,
    to: e.to_addresses,
    cc: e.cc_addresses,
    bcc: e.bcc_addresses,
    subject: e.subject,
    body: e.body,
    copy: e.copy,
    status: e.status,
    attempts: e.attempts,
    lastError: e.last_error,
    messageId: e.message_id,
    accepted: e.accepted,
    rejected: e.rejected,
    createdAt: isoInstant(e.created_at),
    updatedAt: isoInstant(e.updated_at),
    sentAt: e.sent_at ? isoInstant(e.sent_at) : null,
    log: e.log.map((a) => ({
      attempt: a.attempt,
      result: a.result,
      error: a.error,
      smtpCode: a.smtp_code,
      smtpResponse: a.smtp_response,
      server: a.server,
      durationMs: a.duration_ms,
      startedAt: isoInstant(a.started_at),
      finishedAt: isoInstant(a.finished_at),
    })),
  };
}

/** E-mail of documents (through the outbox), the e-mail log, SMTP settings and templates (native API). */
export const emailRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db, config, services }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // Built on first use: nodemailer loads when an e-mail is first sent.
  const email = () => services.email();
  const acc = (r: Parameters<typeof principalOf>[0]) => principalOf(r).accountId;
  const page = (items: EmailRow[], p: { page: number; perPage: number; total: number; totalPages: number }) => ({
    data: items.map(emailJson),
    pagination: { page: p.page, perPage: p.perPage, total: p.total, totalPages: p.totalPages },
  });

  app.post(
    '/documents/:id/email',
    {
      schema: {
        ...op({
          id: 'emailDocument',
          tags,
          summary: 'E-mail the document’s PDF (queued: sent in the background with retries; 202)',
          ok: { status: 202, schema: 'Email', description: 'The queued e-mail' },
          errors: [409],
        }),
        params: IdParams,
        body: EmailBody,
        description:
          'Drafts cannot be e-mailed (409 document_not_final). The subject and body come from the account’s template in the ' +
          'document’s language unless given. Follow the delivery in GET /v1/documents/{id}/emails or the email.delivered/email.failed webhooks.',
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const b = request.body;
      const queued = await db.transaction().execute((tx) =>
        queueDocumentEmail(
          tx,
          ctx,
          request.params.id,
          {
            to: b.to,
            cc: b.cc,
            bcc: b.bcc,
            subject: b.subject,
            body: b.body,
            copy: b.copy === undefined ? undefined : copyRequest(b.copy as never),
          },
          { origin: 'request', renderWith: { publicUrl: config.publicUrl } },
        ),
      );
      const listed = await listEmails(db, ctx.accountId, { ids: [queued.id] }, { page: 1, perPage: 1 });
      return reply.status(202).send(emailJson(listed.items[0]));
    },
  );

  app.get(
    '/documents/:id/emails',
    {
      schema: {
        ...op({
          id: 'listDocumentEmails',
          tags,
          summary: 'The e-mails of a document, newest first, each with its attempts',
          ok: { status: 200, schema: 'EmailPage', description: 'A page of e-mails' },
        }),
        params: IdParams,
        querystring: Type.Object({ ...PageQuery }),
      },
    },
    async (request) => {
      const accountId = acc(request);
      await getDocument(db, accountId, request.params.id);
      const r = await listEmails(
        db,
        accountId,
        { documentId: request.params.id },
        pageRequest(request.query.page, request.query.perPage),
      );
      return page(r.items, r);
    },
  );

  app.get(
    '/emails',
    {
      schema: {
        ...op({
          id: 'listEmails',
          tags,
          summary: 'The e-mail log, newest first',
          ok: { status: 200, schema: 'EmailPage', description: 'A page of e-mails' },
        }),
        querystring: Type.Object({
          ...PageQuery,
          documentId: Type.Optional(Type.Integer({ minimum: 1 })),
          status: Type.Optional(
            Type.String({ maxLength: 100, description: 'Comma-separated: queued,retrying,sent,failed' }),
          ),
          kind: Type.Optional(Type.String({ maxLength: 40, description: 'Comma-separated: document,test' })),
          recipient: Type.Optional(Type.String({ maxLength: 254, description: 'Part of a to/cc/bcc address' })),
          from: Type.Optional(Instant),
          to: Type.Optional(Instant),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const statuses = csv(q.status);
      const bad = statuses?.filter((s) => !(STATUSES as string[]).includes(s));
      if (bad?.length)
        throw new DomainError('validation', 'Unknown status.', [
          {
            field: 'querystring.status',
            issue: 'invalid',
            message: `One or more of ${STATUSES.join(', ')}.`,
            value: bad.join(','),
          },
        ]);
      const kinds = csv(q.kind);
      const badKind = kinds?.filter((k) => k !== 'document' && k !== 'test');
      if (badKind?.length)
        throw new DomainError('validation', 'Unknown kind.', [
          { field: 'querystring.kind', issue: 'invalid', message: 'document or test.', value: badKind.join(',') },
        ]);
      const r = await listEmails(
        db,
        acc(request),
        {
          documentId: q.documentId,
          statuses: statuses as EmailStatus[] | undefined,
          kinds: kinds as ('document' | 'test')[] | undefined,
          recipient: q.recipient,
          from: q.from,
          to: q.to,
        },
        pageRequest(q.page, q.perPage),
      );
      return page(r.items, r);
    },
  );

  app.get(
    '/email/smtp',
    {
      schema: op({
        id: 'getSmtpSettings',
        tags,
        summary: 'The SMTP server used for the account’s e-mails (the password is never returned)',
        ok: { status: 200, schema: 'SmtpSettings', description: 'The settings' },
      }),
    },
    async (request) => getSmtpSettings(db, email(), acc(request)),
  );

  app.put(
    '/email/smtp',
    {
      schema: {
        ...op({
          id: 'setSmtpSettings',
          tags,
          summary: 'Use the account’s own SMTP server instead of the installation’s',
          ok: { status: 200, schema: 'SmtpSettings', description: 'The settings' },
          errors: [409],
        }),
        body: Type.Object(
          {
            host: Type.String({ minLength: 1, maxLength: 253 }),
            port: Type.Optional(
              Type.Integer({ minimum: 1, maximum: 65535, description: 'Default 587, or 465 with secure' }),
            ),
            secure: Type.Optional(
              Type.Boolean({ description: 'TLS from the start (port 465); otherwise STARTTLS when offered' }),
            ),
            username: Type.Optional(NullableString({ maxLength: 254 })),
            password: Type.Optional(
              NullableString({
                maxLength: 512,
                description: 'Stored encrypted, never returned. Leave out to keep the stored one; null removes it.',
              }),
            ),
            from: Type.Optional(
              NullableString({
                maxLength: 320,
                description: 'address or "Name <address>"; default SMTP_FROM, then the account’s e-mail',
              }),
            ),
            replyTo: Type.Optional(NullableString({ maxLength: 320, description: 'Default: the account’s e-mail' })),
          },
          {
            additionalProperties: false,
            examples: [{ host: 'smtp.example.com', port: 587, username: 'faturas@example.com', password: 'secret' }],
          },
        ),
      },
    },
    async (request) => {
      const accountId = acc(request);
      await db.transaction().execute((tx) => updateSmtpSettings(tx, email().secrets, accountId, request.body));
      return getSmtpSettings(db, email(), accountId);
    },
  );

  app.delete(
    '/email/smtp',
    {
      schema: op({
        id: 'deleteSmtpSettings',
        tags,
        summary: 'Remove the account’s SMTP server: the installation’s is used again',
        ok: { status: 204, description: 'Removed' },
      }),
    },
    async (request, reply) => {
      await db.transaction().execute((tx) => deleteSmtpSettings(tx, acc(request)));
      return reply.status(204).send();
    },
  );

  app.post(
    '/email/test',
    {
      schema: {
        ...op({
          id: 'sendTestEmail',
          tags,
          summary: 'Send a test message now with the account’s effective SMTP settings, and report the server’s answer',
          ok: { status: 200, schema: 'EmailTestResult', description: 'What the server answered' },
          errors: [409],
        }),
        body: Type.Object(
          {
            to: Addresses('Recipients'),
            subject: Type.Optional(NullableString({ maxLength: 300 })),
            body: Type.Optional(NullableString({ maxLength: 20000 })),
          },
          { additionalProperties: false, examples: [{ to: 'eu@example.com' }] },
        ),
      },
    },
    async (request) => sendTestEmail(db, email(), ctxOf(request), request.body),
  );

  app.get(
    '/email/templates/:language',
    {
      schema: {
        ...op({
          id: 'getEmailTemplate',
          tags,
          summary: 'The subject and body template of a language (the built-in default unless set)',
          ok: { status: 200, schema: 'EmailTemplate', description: 'The template' },
        }),
        params: Language,
      },
    },
    async (request) => getEmailTemplate(db, acc(request), request.params.language),
  );

  app.put(
    '/email/templates/:language',
    {
      schema: {
        ...op({
          id: 'setEmailTemplate',
          tags,
          summary: 'Set the subject and body template of a language',
          ok: { status: 200, schema: 'EmailTemplate', description: 'The template' },
        }),
        description:
          'Placeholders: {{documentType}}, {{documentNumber}}, {{documentDate}}, {{dueDate}}, {{total}}, {{currency}}, {{customerName}}, ' +
          '{{accountName}}, {{reference}}, {{downloadUrl}}. {{#name}}…{{/name}} keeps its text only when the value is not empty, {{^name}}…{{/name}} only when it is. ' +
          'A field left out (or empty) is the built-in default.',
        params: Language,
        body: Type.Object(
          {
            subject: Type.Optional(NullableString({ maxLength: 300 })),
            body: Type.Optional(NullableString({ maxLength: 20000 })),
          },
          {
            additionalProperties: false,
            examples: [{ subject: '{{documentType}} {{documentNumber}} · {{accountName}}' }],
          },
        ),
      },
    },
    async (request) => {
      const accountId = acc(request);
      await db.transaction().execute((tx) => updateEmailTemplate(tx, accountId, request.params.language, request.body));
      return getEmailTemplate(db, accountId, request.params.language);
    },
  );

  app.delete(
    '/email/templates/:language',
    {
      schema: {
        ...op({
          id: 'resetEmailTemplate',
          tags,
          summary: 'Go back to the built-in template of a language',
          ok: { status: 204, description: 'Reset' },
        }),
        params: Language,
      },
    },
    async (request, reply) => {
      await db.transaction().execute((tx) => resetEmailTemplate(tx, acc(request), request.params.language));
      return reply.status(204).send();
    },
  );
};
