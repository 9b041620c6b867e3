import type { EmailLang } from '../../domain/email/templates.js';
import type { Tx } from '../context.js';
import { checkEmailLanguage } from './check-email-language.js';

/** Drops the account's template of a language: the built-in default applies again. */
export async function resetEmailTemplate(tx: Tx, accountId: number, language: EmailLang): Promise<void> {
  await checkEmailLanguage(tx, accountId, language);
  await tx.deleteFrom('email_templates').where('account_id', '=', accountId).where('language', '=', language).execute();
}
