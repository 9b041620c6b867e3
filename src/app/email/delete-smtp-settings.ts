import type { Tx } from '../context.js';

/** Removes the account's own SMTP server: its e-mails go through the installation's again. */
export async function deleteSmtpSettings(tx: Tx, accountId: number): Promise<void> {
  await tx.deleteFrom('email_smtp_settings').where('account_id', '=', accountId).execute();
}
