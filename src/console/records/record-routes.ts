import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Db, type DbTransaction, inTransaction } from '../../app/context.js';
import { DomainError } from '../../domain/errors.js';
import { ctxOf } from '../../http/kit/request-context.js';
import { requireScope } from '../shell/require-scope.js';
import { type FormBody, type FormErrors, formErrorsOf, formMessage, formOf, formStatus, routeId } from './form.js';

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

/** What the create and edit routes of one kind of record need to know of it. */
export interface RecordForm<R, F> {
  /** The list's path under /console: `/customers`; a record's page is `<base>/<id>`. */
  base: string;
  /** The record's name for a bad id's 404 (routeId). */
  resource: string;
  /** The form's own values, shown again with its errors. */
  fieldsOf(form: FormBody): F;
  /** The record's page (`record` null: the new-record form) with `values`, `errors` and `status`. */
  show(
    request: FastifyRequest,
    reply: FastifyReply,
    record: R | null,
    values: F,
    errors: FormErrors,
    status: number,
  ): Shown;
}

/**
 * `POST <base>`: creates the record from its form in a transaction and redirects to its page (?done=created); a
 * refusal shows the form again (saveForm).
 */
export function createRoute<R, F>(
  app: FastifyInstance,
  db: Db,
  spec: RecordForm<R, F>,
  create: (tx: DbTransaction, accountId: number, form: FormBody) => Promise<{ id: number }>,
): void {
  app.post(spec.base, async (request, reply) => {
    requireScope(request, 'issue');
    const form = formOf(request.body);
    const accountId = ctxOf(request).accountId;
    return saveForm(
      reply,
      async () => {
        const created = await inTransaction(db, (tx) => create(tx, accountId, form));
        return `/console${spec.base}/${created.id}?done=created`;
      },
      (errors, status) => spec.show(request, reply, null, spec.fieldsOf(form), errors, status),
    );
  });
}

/**
 * `POST <base>/:id`: saves the record's form in a transaction and redirects to its page (?done=saved); a refusal
 * shows the record's page again with the form's values (422). `load` finds the record first (a 404 for another
 * account's id).
 */
export function updateRoute<R, F>(
  app: FastifyInstance,
  db: Db,
  spec: RecordForm<R, F>,
  load: (accountId: number, id: number) => Promise<R>,
  update: (tx: DbTransaction, accountId: number, id: number, form: FormBody) => Promise<unknown>,
): void {
  app.post(`${spec.base}/:id`, async (request, reply) => {
    requireScope(request, 'issue');
    const accountId = ctxOf(request).accountId;
    const id = routeId(request.params, spec.resource);
    const current = await load(accountId, id);
    const form = formOf(request.body);
    return saveForm(
      reply,
      async () => {
        await inTransaction(db, (tx) => update(tx, accountId, id, form));
        return `/console${spec.base}/${id}?done=saved`;
      },
      // An edit's refusal is the form's, 422, whatever the cause (the final consumer's in_use too).
      (errors) => spec.show(request, reply, current, spec.fieldsOf(form), errors, 422),
    );
  });
}
