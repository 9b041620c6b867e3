import { sql } from 'kysely';
import {
  BODY_MAX,
  DEFAULT_EMAIL_TEMPLATES,
  SUBJECT_MAX,
  templateIssues,
  type EmailLang,
} from '../../domain/email/templates.js';
import { validationError, type FieldIssue } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { checkEmailLanguage } from './check-email-language.js';

/**
 * Sets the subject and body template of a language. A field sent null or empty is the built-in default; a field
 * left out is the built-in default too (a replace), or with `omitted: 'keep'` what the account has now (a partial
 * update).
 */
export async function updateEmailTemplate(
  tx: Tx,
  accountId: number,
  language: EmailLang,
  input: { subject?: string | null; body?: string | null },
  opts: { omitted?: 'default' | 'keep' } = {},
): Promise<void> {
  await checkEmailLanguage(tx, accountId, language);
  const fallback = DEFAULT_EMAIL_TEMPLATES[language];
  const current =
    opts.omitted === 'keep' && (input.subject === undefined || input.body === undefined)
      ? await tx
          .selectFrom('email_templates')
          .select(['subject', 'body'])
          .where('account_id', '=', accountId)
          .where('language', '=', language)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
  const pick = (v: string | null | undefined, kept: string | undefined, dflt: string) =>
    v === undefined ? (kept ?? dflt) : v === null || v.trim() === '' ? dflt : v;
  const subject = pick(input.subject, current?.subject, fallback.subject);
  const body = pick(input.body, current?.body, fallback.body);
  const issues: FieldIssue[] = [];
  if (subject.length > SUBJECT_MAX)
    issues.push({
      field: 'subject',
      issue: 'too_long',
      message: `At most ${SUBJECT_MAX} characters.`,
      value: String(SUBJECT_MAX),
    });
  if (body.length > BODY_MAX)
    issues.push({
      field: 'body',
      issue: 'too_long',
      message: `At most ${BODY_MAX} characters.`,
      value: String(BODY_MAX),
    });
  issues.push(...templateIssues(subject, 'subject'), ...templateIssues(body, 'body'));
  if (issues.length) throw validationError(issues, 'The template has invalid fields.');
  const values = { subject, body, updated_at: sql<string>`now()` as unknown as string };
  await tx
    .insertInto('email_templates')
    .values({ account_id: accountId, language, ...values })
    .onConflict((oc) => oc.columns(['account_id', 'language']).doUpdateSet(values))
    .execute();
}
