import { createDocument } from '../../../app/documents/create-document.js';
import type { DocumentView } from '../../../app/documents/get-document.js';
import { getDocuments } from '../../../app/documents/get-documents.js';
import { type DocumentFilter, listDocuments } from '../../../app/documents/list-documents.js';
import { updateDraft } from '../../../app/documents/update-draft.js';
import { pageRequest } from '../../../app/pagination.js';
import type { Call, IxReply, Route } from '../context.js';
import { IX_DOC_TYPES, type IxDocType, requestRoots } from '../doc-types.js';
import { resolveDocumentInput } from '../document-body.js';
import { loadDocument, viewContext } from '../document-reply.js';
import { draftAsInput } from '../draft-input.js';
import { familyFilter, pagination } from '../family-list.js';
import { readGuideBody } from '../guide-body.js';
import { changeGuideState } from '../guide-states.js';
import { IxError } from '../ix-error.js';
import { createOnce } from '../proprietary-uid.js';
import { type IxDocumentBody, documentBody } from '../views/document.js';
import { guideView } from '../views/guide.js';

const cfg = {
  ixFields: { lines: 'items', customer: 'client', loadAddress: 'address_from', unloadAddress: 'address_to', loadAt: 'loaded_at', unloadAt: 'unloaded_at', vehiclePlate: 'license_plate' },
};
const GUIDES = IX_DOC_TYPES.filter((t) => t.family === 'guide');

async function reply(c: Call, id: number, type: IxDocType, status = 200): Promise<IxReply> {
  const view = guideView(await loadDocument(c, id, [type]), await viewContext(c), type);
  return { status, body: documentBody(view as unknown as IxDocumentBody, type) };
}

/** status[]: draft, final (`sent` in InvoiceXpress's list example), canceled. */
function statusFilter(names: string[]): Partial<DocumentFilter> | undefined {
  const statuses = new Set<string>();
  if (names.includes('draft')) statuses.add('draft');
  if (names.includes('final') || names.includes('sent')) statuses.add('final');
  if (names.includes('canceled') || names.includes('cancelled')) statuses.add('cancelled');
  return statuses.size ? { statuses: [...statuses] } : undefined;
}

async function list(c: Call, family: readonly IxDocType[], root: string): Promise<IxReply> {
  const { page, perPage } = pageRequest(c.query.page, c.query.per_page, 20);
  const f = familyFilter(c, family, statusFilter);
  const result = f ? await listDocuments(c.db, c.accountId, f, { page, perPage }) : { items: [], total: 0, page, perPage, totalPages: 1 };
  const ctx = await viewContext(c);
  const docs = await getDocuments(c.db, c.accountId, result.items.map((row) => row.id));
  const views = docs.map((v) => guideView(v, ctx, GUIDES.find((t) => t.core === v.doc.doc_type)!));
  return { body: { [root]: views, pagination: pagination(result) } };
}

/** `{"shipping":{"state","message"}}`: the type's own root first, then any guide root (clients mix them), or the top. */
function stateOf(c: Call, type: IxDocType): { state?: string | null; message?: string | null } {
  const roots = [...requestRoots(type), ...GUIDES.flatMap(requestRoots)];
  const root = roots.map((k) => c.body.sub(k)).find((x) => x) ?? c.body;
  return { state: root.text('state'), message: root.text('message') };
}

/** InvoiceXpress shippings, transports, devolutions: create, get, update, list, change-state. */
export function guideRoutes(route: Route): void {
  route('GET', '/guides', cfg, async (c) => list(c, GUIDES, 'guides'));

  for (const type of GUIDES) {
    const base = `/${type.path}`;

    route('GET', base, cfg, async (c) => list(c, [type], type.path));

    // Guides are created as drafts; finalizing (and with it the AT communication) is a change-state.
    route('POST', base, cfg, async (c) => {
      const parsed = readGuideBody(c.body, type, c.today);
      const { id } = await createOnce(c, parsed.proprietaryUid, async (tx) => createDocument(tx, c.ctx, await resolveDocumentInput(tx, c.ctx, parsed, type)));
      return reply(c, id, type, 201);
    });

    route('GET', `${base}/:id`, cfg, async (c) => reply(c, c.id, type));

    route('PUT', `${base}/:id`, cfg, async (c) => {
      const parsed = readGuideBody(c.body, type, c.today);
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
        await changeGuideState(tx, c.ctx, v, type, state, message);
        if (state?.trim().toLowerCase() === 'deleted') deleted = v;
      });
      if (deleted) {
        const view = { ...guideView(deleted, await viewContext(c), type), status: 'deleted' };
        return { body: documentBody(view as unknown as IxDocumentBody, type) };
      }
      return reply(c, c.id, type);
    });
  }
}
