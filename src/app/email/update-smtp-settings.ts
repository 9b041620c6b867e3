import { sql } from 'kysely';
import { isEmailAddress, parseMailbox } from '../../domain/email/addresses.js';
import { DomainError, IssueCollector } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import type { SecretSealer } from './ports.js';
import { smtpPasswordContext } from './smtp-password-context.js';

export interface SmtpSettingsInput {
  host: string;
  port?: number;
  secure?: boolean;
  /** null: no authentication. */
  username?: string | null;
  /** Stored sealed. Absent: keep the stored one (same username); null: remove it. */
  password?: string | null;
  from?: string | null;
  replyTo?: string | null;
}

const HOST =
  /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\d{1,3}(?:\.\d{1,3}){3}$|^\[[0-9A-Fa-f:.]+\]$/;

/** Sets (replaces) the account's own SMTP server, which then carries all its e-mails instead of the installation's. */
export async function updateSmtpSettings(
  tx: Tx,
  secrets: SecretSealer,
  accountId: number,
  input: SmtpSettingsInput,
): Promise<void> {
  const c = new IssueCollector();
  const host = typeof input.host === 'string' ? input.host.trim() : '';
  if (!HOST.test(host)) c.add('host', 'invalid', 'A host name or IP address, without scheme or port.');
  const secure = input.secure ?? input.port === 465;
  const port = input.port ?? (secure ? 465 : 587);
  if (!Number.isInteger(port) || port < 1 || port > 65535) c.add('port', 'out_of_range', 'Between 1 and 65535.');
  const username = input.username == null ? null : String(input.username).trim() || null;
  if (username && username.length > 254) c.add('username', 'too_long', 'At most 254 characters.', '254');
  if (typeof input.password === 'string' && (input.password.length === 0 || input.password.length > 512))
    c.add('password', 'invalid', 'Between 1 and 512 characters; null removes it.');
  if (input.password && !username) c.add('username', 'required', 'A password needs a username.');
  const from = input.from == null ? null : String(input.from).trim() || null;
  if (from && (from.length > 320 || !parseMailbox(from))) c.add('from', 'invalid', 'An address, or "Name <address>".');
  const replyTo = input.replyTo == null ? null : String(input.replyTo).trim() || null;
  if (replyTo && !isEmailAddress(replyTo) && !parseMailbox(replyTo)) c.add('replyTo', 'invalid', 'An e-mail address.');
  c.throwIfAny('The SMTP settings have invalid fields.');

  const current = await tx
    .selectFrom('email_smtp_settings')
    .select(['username', 'password_sealed'])
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
  let sealed: string | null = null;
  if (typeof input.password === 'string') {
    const reason = secrets.unavailableReason();
    if (reason)
      throw new DomainError(
        'secret_key_not_configured',
        `The SMTP password cannot be stored: ${reason.replace(/AT credentials/g, 'passwords')}`,
      );
    sealed = secrets.seal(input.password, smtpPasswordContext(accountId));
  } else if (input.password === undefined && username && current?.username === username) {
    sealed = current.password_sealed;
  }
  const values = {
    host,
    port,
    secure,
    username,
    password_sealed: sealed,
    from_address: from,
    reply_to: replyTo,
    updated_at: sql<string>`now()` as unknown as string,
  };
  await tx
    .insertInto('email_smtp_settings')
    .values({ account_id: accountId, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
    .execute();
}
