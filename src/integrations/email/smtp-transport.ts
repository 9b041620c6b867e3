import { createRequire } from 'node:module';
import type NodemailerModule from 'nodemailer';
import type { NodemailerError } from 'nodemailer';
import {
  MailSendError,
  type MailMessage,
  type MailSent,
  type MailTransport,
  type SmtpSettings,
} from '../../app/email/ports.js';

export interface SmtpTransportOptions {
  /** Connection, greeting and socket timeout, in ms. */
  timeoutMs: number;
}

const addressOf = (a: unknown): string =>
  typeof a === 'string' ? a : ((a as { address?: string })?.address ?? String(a));

/**
 * Classifies nodemailer's errors: a 5xx reply to the envelope or the data is a permanent refusal of this
 * message; connection failures, timeouts, 4xx replies and authentication failures (an administrator can fix
 * the credentials while the e-mail waits) are worth another attempt.
 */
export function toMailSendError(err: unknown): MailSendError {
  const e = err as NodemailerError;
  const command = (e.command ?? '').toUpperCase();
  const permanent = e.permanent === true && !command.startsWith('AUTH') && command !== 'CONN';
  const parts = [e.message || String(err)];
  if (e.code && !parts[0].includes(e.code)) parts.push(`(${e.code}${e.originalCode ? `/${e.originalCode}` : ''})`);
  return new MailSendError(parts.join(' '), permanent, e.responseCode ?? null, e.response ?? null);
}

/** Sends over SMTP with nodemailer: one connection per message (no pool), STARTTLS when offered. */
export function createSmtpTransport(opts: SmtpTransportOptions): MailTransport {
  return {
    async send(s: SmtpSettings, m: MailMessage): Promise<MailSent> {
      // nodemailer loads with the first message, not when the server starts.
      const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof NodemailerModule;
      const transporter = nodemailer.createTransport({
        host: s.host,
        port: s.port,
        secure: s.secure,
        auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
        connectionTimeout: opts.timeoutMs,
        greetingTimeout: opts.timeoutMs,
        socketTimeout: opts.timeoutMs,
        dnsTimeout: opts.timeoutMs,
      });
      try {
        const info = await transporter.sendMail({
          from: m.from,
          replyTo: m.replyTo ?? undefined,
          to: m.to,
          cc: m.cc.length ? m.cc : undefined,
          bcc: m.bcc.length ? m.bcc : undefined,
          subject: m.subject,
          text: m.text,
          headers: m.headers,
          attachments: m.attachments.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
        });
        return {
          messageId: info.messageId ?? '',
          accepted: (info.accepted ?? []).map(addressOf),
          rejected: (info.rejected ?? []).map(addressOf),
          response: info.response ?? '',
        };
      } catch (err) {
        throw toMailSendError(err);
      } finally {
        transporter.close();
      }
    },
  };
}
