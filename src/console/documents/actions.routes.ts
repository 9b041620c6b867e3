import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx, Tx } from '../../app/context.js';
import { cancelDocument } from '../../app/documents/cancel-document.js';
import { createFromOrigin } from '../../app/documents/create-from-origin.js';
import { createReceipt } from '../../app/documents/create-receipt.js';
import { deleteDraft } from '../../app/documents/delete-draft.js';
import { duplicateDocument } from '../../app/documents/duplicate-document.js';
import { finalizeDocument } from '../../app/documents/finalize-document.js';
import { getDocument } from '../../app/documents/get-document.js';
import { accountWrites } from '../../app/documents/issue-document.js';
import { queueDocumentEmail } from '../../app/email/queue-document-email.js';
import { DomainError } from '../../domain/errors.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { statusOf } from '../shell/errors.js';
import { requireScope } from '../shell/require-scope.js';
import { field, formOf, issuesOnForm, type FormBody } from './action-form.js';
import { amountOf } from './list-query.js';
import { documentIdOf } from './route-id.js';
import { type ActionForm, type Done, showDocumentPage } from './show-page.js';

type Action = ActionForm['action'];
type FieldMap = Parameters<typeof issuesOnForm>[1];

/** A form's own check before the use case: field → message key. */
type Checked = { errors: Record<string, string> };

const required = (form: FormBody, name: string): Checked => ({
  errors: field(form, name) ? {} : { [name]: 'documents.action.required' },
});

const QUANTITY = /^\d{1,9}([.,]\d{1,6})?$/;

/**
 * The document page's actions: each a POST form (CSRF checked by the shell) that needs the `issue` scope, ends
 * with a 303 to the page and a notice (`?done=`), or shows the page again with the form's values and errors.
 */
export async function actionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;
  // Document writes are group-committed per account, as the native API does them.
  const inAccountTx = <T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>) =>
    services.batcher.run(accountWrites(ctx.accountId), fn);

  const action = (
    path: string,
    name: Action,
    opts: {
      check?: (form: FormBody) => Checked;
      fields?: FieldMap;
      run: (ctx: Ctx, id: number, form: FormBody) => Promise<string | void>;
      done: Done;
    },
  ) =>
    app.post(`/documents/:id/${path}`, async (request: FastifyRequest, reply: FastifyReply) => {
      requireScope(request, 'issue');
      const id = documentIdOf(request.params);
      const ctx = ctxOf(request);
      const form = formOf(request.body);
      const values = Object.fromEntries(
        Object.entries(form)
          .filter(([k]) => k !== '_csrf')
          .map(([k]) => [k, field(form, k)]),
      );
      const fail = (status: number, f: Omit<ActionForm, 'action' | 'values'>) =>
        showDocumentPage(db, request, reply, id, { form: { action: name, values, ...f }, status });
      const checked = opts.check?.(form);
      if (checked && Object.keys(checked.errors).length) {
        await getDocument(db, ctx.accountId, id); // another account's document is a 404, not a form
        return fail(422, { errors: checked.errors, translate: true });
      }
      let to: string | void;
      try {
        to = await opts.run(ctx, id, form);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        const status = statusOf(err);
        if (status === 404 || status === 401 || status === 403) throw err;
        return fail(status, issuesOnForm(err, opts.fields ?? []));
      }
      services.pokeWorker();
      return reply.redirect(`${to ?? `/console/documents/${id}`}?done=${opts.done}`, 303);
    });

  action('email', 'email', {
    check: (form) => required(form, 'to'),
    fields: [[/^to/, 'to']],
    run: async (ctx, id, form) => {
      await db
        .transaction()
        .execute((tx) => queueDocumentEmail(tx, ctx, id, { to: field(form, 'to') }, { origin: 'request' }));
    },
    done: 'emailed',
  });

  action('cancel', 'cancel', {
    check: (form) => required(form, 'reason'),
    fields: [[/^reason$/, 'reason']],
    run: async (ctx, id, form) => {
      await db.transaction().execute((tx) => cancelDocument(tx, ctx, id, field(form, 'reason', 1000)));
    },
    done: 'cancelled',
  });

  action('credit-note', 'creditNote', {
    check: (form) => {
      const errors: Record<string, string> = {};
      if (!field(form, 'reason')) errors.reason = 'documents.action.required';
      for (const k of Object.keys(form))
        if (k.startsWith('qty_') && field(form, k) && !QUANTITY.test(field(form, k)))
          errors[k] = 'documents.filter.invalidAmount';
      return { errors };
    },
    fields: [
      [/^observations$/, 'reason'],
      [/^lines\[(\d+)\]/, () => 'lines'],
    ],
    run: async (ctx, id, form) => {
      const given = Object.keys(form)
        .filter((k) => /^qty_\d{1,15}$/.test(k) && field(form, k) !== '')
        .map((k) => ({ originLineId: Number(k.slice(4)), quantity: field(form, k).replace(',', '.') }));
      let lines: { originLineId: number; quantity?: string }[] | undefined;
      if (given.length) {
        // Lines left empty are credited in full; a 0 leaves the line out.
        const all = (await getDocument(db, ctx.accountId, id)).lines.map((l) => l.id);
        lines = all.flatMap((lineId) => {
          const g = given.find((x) => x.originLineId === lineId);
          if (!g) return [{ originLineId: lineId }];
          return Number(g.quantity) === 0 ? [] : [g];
        });
        if (!lines.length)
          throw new DomainError('validation', 'Choose at least one line to credit.', [
            { field: 'lines', issue: 'required', message: 'Choose at least one line to credit.' },
          ]);
      }
      const noteId = await inAccountTx(ctx, (tx) =>
        createFromOrigin(tx, ctx, {
          type: 'NC',
          originIds: [id],
          lines,
          observations: field(form, 'reason', 1000),
          finalize: true,
        }),
      );
      return `/console/documents/${noteId}`;
    },
    done: 'credited',
  });

  action('receipt', 'receipt', {
    check: (form) => {
      const errors: Record<string, string> = {};
      const amount = field(form, 'amount');
      if (amount && !amountOf(amount)) errors.amount = 'documents.filter.invalidAmount';
      const date = field(form, 'date');
      if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.date = 'documents.filter.invalidDate';
      return { errors };
    },
    fields: [
      [/^documents\[0\]\.amount|^documents$/, 'amount'],
      [/^date$/, 'date'],
      [/^paymentMethodId$/, 'method'],
    ],
    run: async (ctx, id, form) => {
      const method = field(form, 'method');
      const receiptId = await inAccountTx(ctx, (tx) =>
        createReceipt(tx, ctx, {
          documents: [{ documentId: id, amount: amountOf(field(form, 'amount')) }],
          paymentMethodId: /^\d{1,9}$/.test(method) ? Number(method) : null,
          date: field(form, 'date') || null,
          finalize: true,
        }),
      );
      return `/console/documents/${receiptId}`;
    },
    done: 'receipted',
  });

  action('convert', 'convert', {
    run: async (ctx, id) => {
      const invoiceId = await inAccountTx(ctx, (tx) =>
        createFromOrigin(tx, ctx, { type: 'FT', originIds: [id], finalize: true }),
      );
      return `/console/documents/${invoiceId}`;
    },
    done: 'converted',
  });

  action('duplicate', 'duplicate', {
    run: async (ctx, id) => {
      const draftId = await db.transaction().execute((tx) => duplicateDocument(tx, ctx, id));
      return `/console/documents/${draftId}/edit`;
    },
    done: 'duplicated',
  });

  action('finalize', 'finalize', {
    run: async (ctx, id) => {
      await inAccountTx(ctx, (tx) => finalizeDocument(tx, ctx, id));
    },
    done: 'finalized',
  });

  action('delete', 'delete', {
    run: async (ctx, id) => {
      await db.transaction().execute((tx) => deleteDraft(tx, ctx.accountId, id));
      return '/console/documents';
    },
    done: 'deleted',
  });
}
