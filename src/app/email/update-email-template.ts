import { sql } from 'kysely';
import { BODY_MAX, DEFAULT_EMAIL_TEMPLATES, SUBJECT_MAX, templateIssues } from '../../domain/email/templates.js';
import type { Lang } from '../../domain/documents/types.js';
import { validationError, type FieldIssue } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** Sets the subject and body template of a language; a field left out keeps the built-in default. */
export async function updateEmailTemplate(
  tx: Tx,
  accountId: number,
  language: Lang,
  input: { subject?: string | null; body?: string | null },
): Promise<void> {
  const subject =
    input.subject == null || input.subject.trim() === '' ? DEFAULT_EMAIL_TEMPLATES[language].subject : input.subject;
  const body = input.body == null || input.body.trim() === '' ? DEFAULT_EMAIL_TEMPLATES[language].body : input.body;
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
