import { sql, type Kysely } from 'kysely';
import { DomainError, validationError, type FieldIssue } from '../../domain/errors.js';
import { BODY_MAX, SUBJECT_MAX } from '../../domain/email/templates.js';
import type { DB } from '../../infra/db/schema.js';
import type { Ctx } from '../context.js';
import { MailSendError, type EmailDeps } from './ports.js';
import { emailRecipients } from './queue-document-email.js';
import { resolveSmtpSettings } from './resolve-smtp-settings.js';

const clip = (s: string | null | undefined, n: number) => (s == null ? null : s.slice(0, n));

/**
 * Sends a test message right away (not through the outbox) with the settings the account's e-mails would use,
 * and reports what the server said. The message and the attempt are kept in the e-mail log (kind `test`).
 */
export async function sendTestEmail(
  db: Kysely<DB>,
  deps: EmailDeps,
  ctx: Ctx,
  input: { to: unknown; subject?: string | null; body?: string | null },
) {
  const { to } = emailRecipients({ to: input.to });
  const issues: FieldIssue[] = [];
  if (input.subject && input.subject.length > SUBJECT_MAX)
    issues.push({
      field: 'subject',
      issue: 'too_long',
      message: `At most ${SUBJECT_MAX} characters.`,
      value: String(SUBJECT_MAX),
    });
  if (input.body && input.body.length > BODY_MAX)
    issues.push({
      field: 'body',
      issue: 'too_long',
      message: `At most ${BODY_MAX} characters.`,
      value: String(BODY_MAX),
    });
  if (issues.length) throw validationError(issues);
  const smtp = await resolveSmtpSettings(db, deps, ctx.accountId);
  if (!smtp.ok) throw new DomainError('email_not_configured', smtp.reason);
  const { settings } = smtp;
  const subject = input.subject?.replace(/\s+/g, ' ').trim() || 'Faturador: test message';
  const body = input.body?.trim()
    ? input.body
    : `This test message was sent through ${settings.host}:${settings.port} (${settings.source} SMTP settings).\n`;

  const row = await db
    .insertInto('emails')
    .values({
      account_id: ctx.accountId,
      document_id: null,
      kind: 'test',
      origin: 'test',
      to_addresses: JSON.stringify(to),
      subject,
      body,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const t0 = performance.now();
  let sent: Awaited<ReturnType<EmailDeps['transport']['send']>> | null = null;
  let failure: MailSendError | null = null;
  try {
    sent = await deps.transport.send(settings, {
      from: settings.from,
      replyTo: settings.replyTo,
      to,
      cc: [],
      bcc: [],
      subject,
      text: body,
      attachments: [],
      headers: { 'X-Faturador-Email-Id': String(row.id) },
    });
  } catch (err) {
    failure =
      err instanceof MailSendError
        ? err
        : new MailSendError(err instanceof Error ? err.message : String(err), false, null, null);
  }
  const durationMs = Math.round(performance.now() - t0);
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('email_attempts')
      .values({
        account_id: ctx.accountId,
        email_id: row.id,
        attempt: 1,
        result: sent ? 'sent' : 'failed',
        error: clip(failure?.message, 2000),
        smtp_code: failure?.smtpCode ?? (sent ? Number(/^\d{3}/.exec(sent.response)?.[0]) || null : null),
        smtp_response: clip(sent?.response ?? failure?.response, 1000),
        server: `${settings.source}:${settings.host}:${settings.port}`,
        duration_ms: durationMs,
        started_at: ctx.now.toISOString(),
      })
      .execute();
    await tx
      .updateTable('emails')
      .set({
        status: sent ? 'sent' : 'failed',
        attempts: 1,
        last_error: clip(failure?.message, 2000),
        ...(sent
          ? {
              message_id: clip(sent.messageId, 500),
              accepted: JSON.stringify(sent.accepted),
              rejected: JSON.stringify(sent.rejected),
              sent_at: sql<string>`now()` as unknown as string,
            }
          : {}),
        updated_at: sql<string>`now()` as unknown as string,
      })
      .where('account_id', '=', ctx.accountId)
      .where('id', '=', row.id)
      .execute();
  });
  return {
    ok: !!sent,
    emailId: row.id,
    from: settings.from,
    to,
    smtp: { source: settings.source, host: settings.host, port: settings.port, secure: settings.secure },
    messageId: sent?.messageId ?? null,
    accepted: sent?.accepted ?? [],
    rejected: sent?.rejected ?? [],
    response: sent?.response ?? failure?.response ?? null,
    error: failure?.message ?? null,
    durationMs,
  };
}
