import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, EmailsTable } from '../../infra/db/schema.js';
import type { Tx } from '../context.js';
import { recordEmailTransmission } from '../peppol/record-email-transmission.js';
import { emitEvents } from '../webhooks/emit-events.js';
import { MailSendError, type EmailDeps, type MailMessage, type MailSent } from './ports.js';
import { renderDocumentEmail } from './render-document-email.js';
import { resolveSmtpSettings } from './resolve-smtp-settings.js';

export type SendOutcome = { status: 'sent' | 'skipped' } | { status: 'retry' | 'failed'; error: string };

const clip = (s: string | null | undefined, n: number) => (s == null ? null : s.slice(0, n));

/**
 * Sends one queued e-mail (the `email.send` job). Three steps, so no transaction stays open over the network
 * or a render: prepare (settings, subject and body in a short transaction, then the PDF outside it); send over
 * SMTP; record the attempt, the new state and the webhook event in another. A failure is retried with the outbox's backoff until
 * `maxAttempts`; a permanent SMTP refusal (5xx) stops at once. The document itself is never touched.
 */
export async function sendQueuedEmail(
  db: Kysely<DB>,
  deps: EmailDeps,
  accountId: number,
  emailId: number,
  now: Date,
): Promise<SendOutcome> {
  const startedAt = now;
  const prepareMessage = () =>
    db.transaction().execute(async (tx) => {
      const email = await tx
        .selectFrom('emails')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', emailId)
        .executeTakeFirst();
      if (!email || email.status === 'sent' || email.status === 'failed') return null;
      const attempt = email.attempts + 1;
      const smtp = await resolveSmtpSettings(tx, deps, accountId);
      if (!smtp.ok) return { kind: 'problem', attempt, problem: smtp.reason } as const;
      let { subject, body } = email;
      if (email.document_id !== null && (subject === null || body === null)) {
        const r = await renderDocumentEmail(tx, deps.publicUrl, accountId, email.document_id, { subject, body });
        subject = r.subject;
        body = r.body;
        await tx
          .updateTable('emails')
          .set({ subject, body })
          .where('account_id', '=', accountId)
          .where('id', '=', emailId)
          .execute();
      }
      const message: MailMessage = {
        from: smtp.settings.from,
        replyTo: smtp.settings.replyTo,
        to: email.to_addresses,
        cc: email.cc_addresses,
        bcc: email.bcc_addresses,
        subject: subject ?? '',
        text: body ?? '',
        attachments: [],
        headers: { 'X-Faturador-Email-Id': String(emailId) },
      };
      const pdf = email.document_id === null ? null : { documentId: email.document_id, copy: email.copy ?? 'original' };
      const einvoice = email.attach_einvoice && email.document_id !== null;
      return { kind: 'ready', attempt, settings: smtp.settings, message, pdf, einvoice } as const;
    });
  // The PDF (cached, or rendered now) outside the transaction: a slow render holds no lock (ensureDocumentPdf).
  const prepare = async () => {
    const p = await prepareMessage();
    if (p?.kind === 'ready' && p.pdf)
      p.message.attachments.push(await deps.pdf.load(db, accountId, p.pdf.documentId, p.pdf.copy));
    if (p?.kind === 'ready' && p.pdf && p.einvoice) {
      if (!deps.einvoice) throw new Error('No e-invoice source is configured');
      p.message.attachments.push(await deps.einvoice.load(db, accountId, p.pdf.documentId));
    }
    return p;
  };
  let prepared: Awaited<ReturnType<typeof prepare>> | { kind: 'problem'; attempt: number; problem: string };
  try {
    prepared = await prepare();
  } catch (err) {
    // E.g. the PDF could not be rendered: logged as a failed attempt like any other, and retried.
    const row = await db
      .selectFrom('emails')
      .select(['attempts', 'status'])
      .where('account_id', '=', accountId)
      .where('id', '=', emailId)
      .executeTakeFirst();
    if (!row || row.status === 'sent' || row.status === 'failed') throw err;
    prepared = {
      kind: 'problem',
      attempt: row.attempts + 1,
      problem: `The e-mail could not be prepared: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  if (!prepared) return { status: 'skipped' };

  const t0 = performance.now();
  let sent: MailSent | null = null;
  let failure: MailSendError | null = null;
  if (prepared.kind === 'problem') {
    failure = new MailSendError(prepared.problem, false, null, null);
  } else {
    try {
      sent = await deps.transport.send(prepared.settings, prepared.message);
    } catch (err) {
      failure =
        err instanceof MailSendError
          ? err
          : new MailSendError(err instanceof Error ? err.message : String(err), false, null, null);
    }
  }
  const durationMs = Math.round(performance.now() - t0);
  const { attempt } = prepared;
  const settings = prepared.kind === 'ready' ? prepared.settings : undefined;
  const final = failure !== null && (failure.permanent || attempt >= deps.maxAttempts);
  const result = sent ? ('sent' as const) : final ? ('failed' as const) : ('retry' as const);
  const error = failure ? clip(failure.message, 2000) : null;

  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('email_attempts')
      .values({
        account_id: accountId,
        email_id: emailId,
        attempt,
        result,
        error,
        smtp_code: sent ? smtpCode(sent.response) : (failure?.smtpCode ?? null),
        smtp_response: clip(sent ? sent.response : failure?.response, 1000),
        server: settings ? `${settings.source}:${settings.host}:${settings.port}` : null,
        duration_ms: durationMs,
        started_at: startedAt.toISOString(),
      })
      .execute();
    const row = await tx
      .updateTable('emails')
      .set({
        status: sent ? 'sent' : final ? 'failed' : 'retrying',
        attempts: attempt,
        last_error: error,
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
      .where('account_id', '=', accountId)
      .where('id', '=', emailId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (sent || final) await emitEmailEvent(tx, row, attempt);
    if ((sent || final) && row.attach_einvoice)
      await recordEmailTransmission(tx, accountId, emailId, sent ? null : (error ?? 'The e-mail failed'));
  });
  return sent ? { status: 'sent' } : { status: result as 'retry' | 'failed', error: failure!.message };
}

function smtpCode(response: string): number | null {
  const m = /^(\d{3})/.exec(response);
  return m ? Number(m[1]) : null;
}

async function emitEmailEvent(tx: Tx, e: Selectable<EmailsTable>, attempt: number): Promise<void> {
  if (e.kind !== 'document') return;
  const delivered = e.status === 'sent';
  await emitEvents(tx, e.account_id, [
    {
      type: delivered ? 'email.delivered' : 'email.failed',
      documentId: e.document_id,
      data: {
        email: {
          id: e.id,
          documentId: e.document_id,
          to: e.to_addresses,
          cc: e.cc_addresses,
          subject: e.subject,
          copy: e.copy,
          attempt,
          ...(delivered
            ? {
                messageId: e.message_id,
                accepted: e.accepted,
                rejected: e.rejected,
                sentAt: e.sent_at ? new Date(e.sent_at).toISOString() : null,
              }
            : { error: e.last_error }),
        },
      },
    },
  ]);
}
