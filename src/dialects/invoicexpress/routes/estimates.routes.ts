import { createDocument } from '../../../app/documents/create-document.js';
import type { DocumentView } from '../../../app/documents/get-document.js';
import { getDocuments } from '../../../app/documents/get-documents.js';
import { type DocumentFilter, listDocuments } from '../../../app/documents/list-documents.js';
import { updateDraft } from '../../../app/documents/update-draft.js';
import { pageRequest } from '../../../app/pagination.js';
import type { Call, IxReply, Route } from '../context.js';
import { IX_DOC_TYPES, type IxDocType, requestRoots } from '../doc-types.js';
import { readDocumentBody, resolveDocumentInput } from '../document-body.js';
import { loadDocument, viewContext } from '../document-reply.js';
import { draftAsInput } from '../draft-input.js';
import { changeEstimateState, estimateStateIds } from '../estimate-states.js';
import { familyFilter, pagination } from '../family-list.js';
import { IxError } from '../ix-error.js';
import { createOnce } from '../proprietary-uid.js';
import { type IxDocumentBody, documentBody } from '../views/document.js';
import { estimateView } from '../views/estimate.js';

const cfg = { ixFields: { lines: 'items', customer: 'client' } };
const ESTIMATES = IX_DOC_TYPES.filter((t) => t.family === 'estimate');

async function viewOf(c: Call, v: DocumentView, type: IxDocType) {
  return estimateView(v, await viewContext(c), type, await estimateStateIds(c.db, c.accountId));
}

async function reply(c: Call, id: number, type: IxDocType, status = 200): Promise<IxReply> {
  const view = await viewOf(c, await loadDocument(c, id, [type]), type);
  return { status, body: documentBody(view as unknown as IxDocumentBody, type) };
}

/** status[]: draft, final, accepted, refused, canceled. Accepted/refused alone filter by their document state. */
function statusFilter(ids: { accepted: number[]; refused: number[] }): (names: string[]) => Partial<DocumentFilter> | undefined {
  return (names) => {
    const statuses = new Set<string>();
    if (names.includes('draft')) statuses.add('draft');
    if (names.includes('canceled') || names.includes('cancelled')) statuses.add('cancelled');
    const commercial = (['final', 'accepted', 'refused'] as const).filter((s) => names.includes(s));
    if (commercial.length) statuses.add('final');
    if (!statuses.size) return undefined;
    const out: Partial<DocumentFilter> = { statuses: [...statuses] };
    if (statuses.size === 1 && commercial.length === 1 && commercial[0] !== 'final') {
      const id = ids[commercial[0]][0];
      if (id === undefined) return undefined;
      out.stateId = id;
    }
    // `final` names finalized estimates neither accepted nor refused: those states are left out unless asked for too.
    if (commercial.includes('final')) {
      const excluded = [...(names.includes('accepted') ? [] : ids.accepted), ...(names.includes('refused') ? [] : ids.refused)];
      if (excluded.length) out.excludeStateIds = excluded;
    }
    return out;
  };
}

async function list(c: Call, family: readonly IxDocType[], root: string): Promise<IxReply> {
  const { page, perPage } = pageRequest(c.query.page, c.query.per_page, 20);
  const ids = await estimateStateIds(c.db, c.accountId);
  const f = familyFilter(c, family, statusFilter(ids));
  const result = f ? await listDocuments(c.db, c.accountId, f, { page, perPage }) : { items: [], total: 0, page, perPage, totalPages: 1 };
  const ctx = await viewContext(c);
  const docs = await getDocuments(c.db, c.accountId, result.items.map((row) => row.id));
  const views = docs.map((v) => estimateView(v, ctx, ESTIMATES.find((t) => t.core === v.doc.doc_type)!, ids));
  return { body: { [root]: views, pagination: pagination(result) } };
}

/** `{"estimate":{"state","message"}}`: the type's own roots first, then any estimate root, or the top. */
function stateOf(c: Call, type: IxDocType): { state?: string | null; message?: string | null } {
  const roots = [...requestRoots(type), ...ESTIMATES.flatMap(requestRoots)];
  const root = roots.map((k) => c.body.sub(k)).find((x) => x) ?? c.body;
  return { state: root.text('state'), message: root.text('message') };
}

/** InvoiceXpress quotes, proformas, fees_notes: create, get, update, list, change-state. */
export function estimateRoutes(route: Route): void {
  route('GET', '/estimates', cfg, async (c) => list(c, ESTIMATES, 'estimates'));

  for (const type of ESTIMATES) {
    const base = `/${type.path}`;

    route('GET', base, cfg, async (c) => list(c, [type], type.path));

    // Estimates are created as drafts; finalizing is a change-state.
    route('POST', base, cfg, async (c) => {
      const parsed = readDocumentBody(c.body, type, c.today);
      const { id } = await createOnce(c, parsed.proprietaryUid, async (tx) => createDocument(tx, c.ctx, await resolveDocumentInput(tx, c.ctx, parsed, type)));
      return reply(c, id, type, 201);
    });

    route('GET', `${base}/:id`, cfg, async (c) => reply(c, c.id, type));

    route('PUT', `${base}/:id`, cfg, async (c) => {
      const parsed = readDocumentBody(c.body, type, c.today);
      await c.docTx(async (tx) => {
        const v = await loadDocument(c, c.id, [type], tx);
        if (v.doc.status !== 'draft') throw new IxError(422, [`Only draft documents can be updated: this ${type.type} is ${v.doc.status === 'cancelled' ? 'canceled' : 'final'}`]);
        const current = draftAsInput(v);
        if (parsed.input.customer) current.contactId = undefined;
        await updateDraft(tx, c.ctx, v.doc.id, await resolveDocumentInput(tx, c.ctx, parsed, type, current));
      });
      return reply(c, c.id, type);
    });

    route('PUT', `${base}/:id/change-state`, cfg, async (c) => {
      const { state, message } = stateOf(c, type);
      let deleted: DocumentView | undefined;
      await c.docTx(async (tx) => {
        const v = await loadDocument(c, c.id, [type], tx);
        await changeEstimateState(tx, c.ctx, v, type, state, message);
        if (state?.trim().toLowerCase() === 'deleted') deleted = v;
      });
      if (deleted) {
        const view = { ...(await viewOf(c, deleted, type)), status: 'deleted' };
        return { body: documentBody(view as unknown as IxDocumentBody, type) };
      }
      return reply(c, c.id, type);
    });
  }
}
