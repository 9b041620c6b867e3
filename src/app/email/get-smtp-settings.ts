import type { Tx } from '../context.js';
import type { EmailDeps } from './ports.js';

/** The account's SMTP settings as API callers see them: never the password, only whether one is stored. */
export async function getSmtpSettings(tx: Tx, deps: Pick<EmailDeps, 'installation' | 'secrets'>, accountId: number) {
  const own = await tx
    .selectFrom('email_smtp_settings')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return {
    source: own ? ('account' as const) : deps.installation ? ('installation' as const) : ('none' as const),
    account: own
      ? {
          host: own.host,
          port: own.port,
          secure: own.secure,
          username: own.username,
          passwordSet: !!own.password_sealed,
          from: own.from_address,
          replyTo: own.reply_to,
          updatedAt: new Date(own.updated_at).toISOString(),
        }
      : null,
    installation: { configured: !!deps.installation, from: deps.installation?.from ?? null },
    /** Why a password cannot be stored here (no secret key), or null. */
    secretStorageReason: deps.secrets.unavailableReason(),
  };
}
