import { DEFAULT_EMAIL_TEMPLATES, EMAIL_PLACEHOLDERS, type EmailLang } from '../../domain/email/templates.js';
import type { Tx } from '../context.js';
import { checkEmailLanguage } from './check-email-language.js';

/** The account's template of a language, or the built-in default, with the placeholders it can use. */
export async function getEmailTemplate(tx: Tx, accountId: number, language: EmailLang) {
  await checkEmailLanguage(tx, accountId, language);
  const row = await tx
    .selectFrom('email_templates')
    .select(['subject', 'body', 'updated_at'])
    .where('account_id', '=', accountId)
    .where('language', '=', language)
    .executeTakeFirst();
  const fallback = DEFAULT_EMAIL_TEMPLATES[language];
  return {
    language,
    subject: row?.subject ?? fallback.subject,
    body: row?.body ?? fallback.body,
    custom: !!row,
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    defaults: fallback,
    placeholders: EMAIL_PLACEHOLDERS,
  };
}
