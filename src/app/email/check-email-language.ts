import { emailLanguages, type EmailLang } from '../../domain/email/templates.js';
import { notInRegime } from '../../domain/regime/not-in-regime.js';
import { regimeOf } from '../../domain/regime/registry.js';
import type { Tx } from '../context.js';

/**
 * Refuses a template language the account's documents are never written in (Dutch and German are a Belgian
 * seller's). The account is read only for those two: pt, en and fr are every seller's.
 */
export async function checkEmailLanguage(tx: Tx, accountId: number, language: EmailLang): Promise<void> {
  if (language !== 'nl' && language !== 'de') return;
  const account = await tx
    .selectFrom('accounts')
    .select('country')
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  const regime = regimeOf(account);
  if (!emailLanguages(regime.code).includes(language))
    throw notInRegime(
      regime,
      `E-mails in ${language} are for Belgian sellers, whose documents are in that language`,
      'language',
    );
}
