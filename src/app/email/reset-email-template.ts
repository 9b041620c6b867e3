import type { Lang } from '../../domain/documents/types.js';
import type { Tx } from '../context.js';

/** Drops the account's template of a language: the built-in default applies again. */
export async function resetEmailTemplate(tx: Tx, accountId: number, language: Lang): Promise<void> {
  await tx.deleteFrom('email_templates').where('account_id', '=', accountId).where('language', '=', language).execute();
}
