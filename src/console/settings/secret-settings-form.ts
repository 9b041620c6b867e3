import type { FastifyReply } from 'fastify';
import { type FieldErrors, fieldErrorsOf, formProblemOf } from './form.js';

/** What a settings page holding a password (AT, SMTP) is shown with: the password itself is never shown back. */
export interface SecretFormState {
  status?: number;
  errors?: FieldErrors;
  values?: Record<string, string | boolean>;
  problem?: { code: string; message: string } | null;
}

/** A refusal as the page shows it: field errors (422) or a problem above the form (409); anything else is rethrown. */
export function refusalOf(err: unknown): { status: number; errors: FieldErrors; problem: SecretFormState['problem'] } {
  const errors = fieldErrorsOf(err);
  const problem = formProblemOf(err);
  if (!errors && !problem) throw err;
  return { status: errors ? 422 : 409, errors: errors ?? {}, problem };
}

/** Saves the settings and redirects (303) to `to`; a refusal shows the form again with the values as typed. */
export async function saveSecretSettings(
  reply: FastifyReply,
  save: () => Promise<unknown>,
  to: string,
  show: (state: SecretFormState) => Promise<FastifyReply>,
  values: Record<string, string | boolean>,
): Promise<FastifyReply> {
  try {
    await save();
  } catch (err) {
    return show({ ...refusalOf(err), values });
  }
  return reply.redirect(to, 303);
}
