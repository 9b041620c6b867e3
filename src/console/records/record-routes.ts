import type { FastifyReply } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import { type FormErrors, formErrorsOf, formMessage, formStatus } from './form.js';

type Shown = FastifyReply | Promise<FastifyReply>;

/**
 * Saves a record's form and redirects (303) to the page `save` answers; a refusal about the input re-renders the
 * form through `refused` with the errors and their status (anything else is rethrown).
 */
export async function saveForm(
  reply: FastifyReply,
  save: () => Promise<string>,
  refused: (errors: FormErrors, status: number) => Shown,
): Promise<FastifyReply> {
  let to: string;
  try {
    to = await save();
  } catch (err) {
    const errors = formErrorsOf(err);
    if (!errors) throw err;
    return refused(errors, formStatus(err));
  }
  return reply.redirect(to, 303);
}

/** Deletes a record and redirects (303) to `to`; a record still in use shows its page again with `inUseKey` (409). */
export async function deleteRecord(
  reply: FastifyReply,
  remove: () => Promise<unknown>,
  to: string,
  inUseKey: string,
  refused: (errors: FormErrors, status: number) => Shown,
): Promise<FastifyReply> {
  try {
    await remove();
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'in_use') throw err;
    return refused(formMessage(inUseKey), 409);
  }
  return reply.redirect(to, 303);
}
