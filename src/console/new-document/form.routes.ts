import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountConfig } from '../../app/accounts/account-config.js';
import { listContacts } from '../../app/contacts/list-contacts.js';
import { getDocument } from '../../app/documents/get-document.js';
import { accountWrites, issueDocument } from '../../app/documents/issue-document.js';
import { previewDocument } from '../../app/documents/preview-document.js';
import { updateDraft } from '../../app/documents/update-draft.js';
import { pageRequest } from '../../app/pagination.js';
import { DomainError } from '../../domain/errors.js';
import { EXEMPTION_CODES } from '../../domain/pt/exemption-codes.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { formatters } from '../shell/format.js';
import { requestLang } from '../shell/render.js';
import { requireScope } from '../shell/require-scope.js';
import { draftForm, emptyForm, emptyLine, fieldErrors, formInput, readForm, type FormValues } from './form.js';
import { shownTotals, type ShownTotals } from './totals.js';

export const DOCUMENT_TYPES = ['FT', 'FR', 'FS', 'OR', 'PF'];
const MAX_FORM_LINES = 200;

/** Errors that are not about the form's fields: the shell's error page (404 for another account's draft…). */
const PAGE_ERRORS = new Set(['not_found', 'forbidden', 'unauthenticated', 'document_not_draft']);
/** A refusal shown in the form: any DomainError but those above, and a reference not found is beside its field. */
const isFormError = (err: unknown): err is DomainError =>
  err instanceof DomainError && (!PAGE_ERRORS.has(err.code) || (err.code === 'not_found' && err.details.length > 0));

const idOf = (params: unknown): number => {
  const raw = (params as { id?: string }).id ?? '';
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1)
    throw new DomainError('not_found', 'No such document.', [], { resource: 'document' });
  return Number(raw);
};

/**
 * The new-document form (`/console/documents/new`, `/console/documents/:id/edit` for drafts): save as draft or
 * finalize through the API's own paths, totals by the server's dry run (`previewDocument`) as you type or on
 * "Recalculate", every refusal beside its field.
 */
export async function formRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;

  async function choices(request: FastifyRequest) {
    const config = await accountConfig(db, ctxOf(request));
    const today = new Date().toISOString().slice(0, 10);
    return {
      types: DOCUMENT_TYPES,
      series: config.series.filter((s) => s.status === 'active'),
      taxes: config.taxes.map((t) => ({ id: t.id, name: t.name, rate: t.rate, zero: Number(t.rate) === 0 })),
      defaultTaxId: config.account.default_tax_id,
      exemptions: EXEMPTION_CODES.filter((e) => !e.validTo || e.validTo >= today),
    };
  }

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    view: {
      values: FormValues;
      errors?: Record<string, string>;
      totals?: ShownTotals | null;
      draftId?: number;
      status?: number;
    },
  ) {
    return reply.page(
      'new-document/views/form',
      {
        ...(await choices(request)),
        values: view.values,
        errors: view.errors ?? {},
        totals: view.totals ?? null,
        draftId: view.draftId ?? null,
        formAction: view.draftId ? `/console/documents/${view.draftId}/edit` : '/console/documents/new',
      },
      { status: view.status ?? 200, title: view.draftId ? 'new-document.editTitle' : 'new-document.title' },
    );
  }

  /** The dry run of the form: its totals, or its errors by field. */
  async function preview(request: FastifyRequest, values: FormValues) {
    const { input, lineOf } = formInput(values);
    try {
      const p = await previewDocument(db, ctxOf(request), input);
      return { totals: shownTotals(p, lineOf, formatters(requestLang(request))), errors: {} };
    } catch (err) {
      if (isFormError(err)) return { totals: null, errors: fieldErrors(err, lineOf) };
      throw err;
    }
  }

  /** Without JS the customer is typed, not picked: the one customer it names, else an error beside it. */
  async function pickCustomer(request: FastifyRequest, values: FormValues): Promise<string | null> {
    if (values.contactId || !values.customerSearch || values.newCustomer.name) return null;
    const found = await listContacts(
      db,
      request.consoleSession!.accountId,
      { text: values.customerSearch, archived: false },
      pageRequest(1, 2),
    );
    if (found.items.length === 1) {
      values.contactId = String(found.items[0].id);
      return null;
    }
    return found.items.length ? 'new-document.customer.many' : 'new-document.customer.none';
  }

  async function submit(request: FastifyRequest, reply: FastifyReply, draftId?: number) {
    requireScope(request, 'issue');
    const { values, action } = readForm((request.body ?? {}) as Record<string, unknown>);
    if (action === 'addLine' || action.startsWith('remove:')) {
      if (action === 'addLine' && values.lines.length < MAX_FORM_LINES) values.lines.push(emptyLine());
      const i = Number(action.slice('remove:'.length));
      if (action.startsWith('remove:') && values.lines.length > 1 && Number.isInteger(i)) values.lines.splice(i, 1);
      return show(request, reply, { values, draftId, totals: (await preview(request, values)).totals });
    }
    const customerError = await pickCustomer(request, values);
    if (customerError) {
      return show(request, reply, { values, draftId, errors: { customerSearch: customerError }, status: 422 });
    }
    if (action === 'recalculate') {
      const r = await preview(request, values);
      const failed = Object.keys(r.errors).length > 0;
      return show(request, reply, { values, draftId, ...r, status: failed ? 422 : 200 });
    }
    const finalize = action === 'finalize';
    const { input, lineOf } = formInput(values, finalize);
    const ctx = ctxOf(request);
    try {
      let id = draftId;
      if (id) {
        const editing = id;
        await services.batcher.run(accountWrites(ctx.accountId), (tx) => updateDraft(tx, ctx, editing, input));
      } else {
        id = (await issueDocument(services.batcher, db, ctx, input)).id;
      }
      return reply.redirect(`/console/documents/${id}`, 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      return show(request, reply, { values, draftId, errors: fieldErrors(err, lineOf), status: 422 });
    }
  }

  app.get('/documents/new', async (request, reply) => {
    requireScope(request, 'issue');
    const type = String((request.query as { type?: string }).type ?? 'FT').toUpperCase();
    return show(request, reply, { values: emptyForm(DOCUMENT_TYPES.includes(type) ? type : 'FT') });
  });
  app.post('/documents/new', (request, reply) => submit(request, reply));

  app.get('/documents/:id/edit', async (request, reply) => {
    requireScope(request, 'issue');
    const id = idOf(request.params);
    const view = await getDocument(db, request.consoleSession!.accountId, id);
    if (view.doc.status !== 'draft')
      throw new DomainError('document_not_draft', 'Only drafts can be edited; issue a credit or debit note instead.');
    const values = draftForm(view);
    return show(request, reply, { values, draftId: id, totals: (await preview(request, values)).totals });
  });
  app.post('/documents/:id/edit', async (request, reply) => {
    requireScope(request, 'issue');
    const id = idOf(request.params);
    const view = await getDocument(db, request.consoleSession!.accountId, id);
    if (view.doc.status !== 'draft')
      throw new DomainError('document_not_draft', 'Only drafts can be edited; issue a credit or debit note instead.');
    return submit(request, reply, id);
  });

  // Totals as you type: the form posted by new-document-form.js, answered with the server's strings or its errors.
  app.post('/documents/totals', async (request, reply) => {
    requireScope(request, 'issue');
    const { values } = readForm((request.body ?? {}) as Record<string, unknown>);
    const r = await preview(request, values);
    const failed = Object.keys(r.errors).length > 0;
    return reply
      .status(failed ? 422 : 200)
      .header('cache-control', 'no-store')
      .send(r);
  });
}
