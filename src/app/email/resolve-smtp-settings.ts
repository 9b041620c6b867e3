import { formatMailbox, parseMailbox } from '../../domain/email/addresses.js';
import type { Tx } from '../context.js';
import type { EmailDeps, SmtpSettings } from './ports.js';
import { smtpPasswordContext } from './smtp-password-context.js';

export type SmtpResolution = { ok: true; settings: SmtpSettings } | { ok: false; reason: string };

/**
 * The SMTP server and sender of an account's e-mails: its own override when set, else the installation's.
 * From: the configured address, shown with the account's name when it has none; replies go to the configured
 * Reply-To, else to the account's own e-mail address.
 */
export async function resolveSmtpSettings(
  tx: Tx,
  deps: Pick<EmailDeps, 'installation' | 'secrets'>,
  accountId: number,
): Promise<SmtpResolution> {
  const account = await tx
    .selectFrom('accounts')
    .select(['legal_name', 'trade_name', 'email'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  const own = await tx
    .selectFrom('email_smtp_settings')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  const name = account.trade_name ?? account.legal_name;
  let base: Omit<SmtpSettings, 'from' | 'replyTo'>;
  let from: string | null;
  let replyTo: string | null = null;
  if (own) {
    let password: string | null = null;
    if (own.password_sealed) {
      try {
        password = deps.secrets.open(own.password_sealed, smtpPasswordContext(accountId));
      } catch (err) {
        return { ok: false, reason: `The account's SMTP password cannot be opened: ${(err as Error).message}` };
      }
    }
    base = { source: 'account', host: own.host, port: own.port, secure: own.secure, user: own.username, password };
    from = own.from_address ?? deps.installation?.from ?? account.email;
    replyTo = own.reply_to;
  } else if (deps.installation) {
    const i = deps.installation;
    base = { source: 'installation', host: i.host, port: i.port, secure: i.secure, user: i.user, password: i.password };
    from = i.from ?? account.email;
  } else {
    return {
      ok: false,
      reason:
        'No SMTP server is configured: set SMTP_HOST for the installation, or PUT /v1/email/smtp for the account.',
    };
  }
  const mailbox = from ? parseMailbox(from) : null;
  if (!mailbox)
    return {
      ok: false,
      reason: 'No sender address: set SMTP_FROM, or "from" in the account’s SMTP settings, or the account’s e-mail.',
    };
  const reply = replyTo
    ? parseMailbox(replyTo)
    : account.email && account.email !== mailbox.address
      ? parseMailbox(account.email)
      : null;
  return {
    ok: true,
    settings: {
      ...base,
      from: formatMailbox(mailbox.name ?? name, mailbox.address),
      replyTo: reply ? formatMailbox(reply.name, reply.address) : null,
    },
  };
}
