import type { DocumentView } from '../../../app/documents/get-document.js';
import { getDocuments } from '../../../app/documents/get-documents.js';
import type { DocumentFilter } from '../../../app/documents/list-documents.js';
import { draftAsInput, updateDraft } from '../../../app/documents/update-draft.js';
import type { Call, Handler, Route } from '../context.js';
import { IX_DOC_TYPES, IX_INVOICE_TYPES, type IxDocType, ixTypeOfCore, requestRoots } from '../doc-types.js';
import { readDocumentBody, resolveDocumentInput } from '../document-body.js';
import { documentReply, loadDocument, replyOf, viewContext } from '../document-reply.js';
import { familyFilter, listPage } from '../family-list.js';
import { invoiceStatuses } from '../invoice-statuses.js';
import { changeInvoiceState } from '../invoice-states.js';
import { IxError } from '../ix-error.js';
import { createOnce } from '../proprietary-uid.js';
import { documentBody, documentView } from '../views/document.js';
import { listQuery } from '../list-query.js';

const cfg = { ixFields: { lines: 'items', customer: 'client' } };

/** `status[]`: draft, final, settled, canceled; `final` and `settled` among finalized documents are the paid flag. */
function statusFilter(names: string[]): Partial<DocumentFilter> | undefined {
  const s = invoiceStatuses(names);
  if (!s) return undefined;
  // As a client's invoices: `final` without `settled` never lists paid documents (drafts are never paid).
  if (s.settled && !s.final && s.statuses.length === 1) return { statuses: s.statuses, paid: true };
  if (s.final && !s.settled && !s.statuses.includes('cancelled')) return { statuses: s.statuses, paid: false };
  return { statuses: s.statuses };
}

/** The `invoices` list filters: the family's (type[] names such as Invoice, CreditNote; status[]…) and total_before_taxes[from|to]. */
function listFilter(c: Call): DocumentFilter | undefined {
  const f = familyFilter(c, IX_INVOICE_TYPES, statusFilter);
  if (!f) return undefined;
  const q = listQuery(c.query);
  for (const [bound, key] of [
    ['from', 'netFrom'],
    ['to', 'netTo'],
  ] as const) {
    const v = q.sub('total_before_taxes', bound);
    if (v === undefined) continue;
    if (!/^\d+(\.\d+)?$/.test(v.trim())) throw new IxError(422, [`total_before_taxes[${bound}] is not a number`]);
    f[key] = v.trim();
  }
  return f;
}

/**
 * The state change body: `{"invoice":{"state","message"}}` (also under the doc-typed root, or at the top); some
 * clients send `message` beside the root instead of inside it.
 */
function stateOf(c: Call, types: readonly IxDocType[]): { state?: string | null; message?: string | null } {
  const root =
    types
      .flatMap(requestRoots)
      .map((k) => c.body.sub(k))
      .find((x) => x) ?? c.body;
  return { state: root.text('state'), message: root.text('message') ?? c.body.text('message') };
}

/** The type a document of `types` shows as: the path's own type, or (on paths serving several) its core type's. */
function typeOf(v: DocumentView, types: readonly IxDocType[]): IxDocType {
  return types.length === 1 ? types[0] : (ixTypeOfCore(v.doc.doc_type) ?? types[0]);
}

/** `GET /:type/:id`: a document of one of `types` (another type's id is unknown). */
export function getInvoiceDocument(types: readonly IxDocType[]): Handler {
  return async (c) => {
    const v = await loadDocument(c, c.id, types);
    return replyOf(c, v, { type: typeOf(v, types) });
  };
}

/** `PUT /:type/:id/change-state`, for a document of one of `types`. */
export function changeInvoiceDocumentState(types: readonly IxDocType[]): Handler {
  return async (c) => {
    const { state, message } = stateOf(c, types);
    let deleted: DocumentView | undefined;
    let type = types[0];
    await c.docTx(async (tx) => {
      const v = await loadDocument(c, c.id, types, tx);
      type = typeOf(v, types);
      await changeInvoiceState(tx, c.ctx, v, type, state, message);
      if (state?.trim().toLowerCase() === 'deleted') deleted = v;
    });
    if (deleted) {
      const view = { ...documentView(deleted, await viewContext(c), type), status: 'deleted' as const };
      return { body: documentBody(view as unknown as ReturnType<typeof documentView>, type) };
    }
    return documentReply(c, c.id, { type, types });
  };
}

/** InvoiceXpress invoices, simplified_invoices, invoice_receipts, credit_notes, debit_notes, vat_moss_invoices: create, get, update, list, change-state, related documents. */
export function documentRoutes(route: Route): void {
  route('GET', '/invoices', cfg, async (c) => {
    const f = listFilter(c);
    const ctx = await viewContext(c);
    return listPage(c, 'invoices', f, (v) => documentView(v, ctx));
  });

  // Related documents of any document (docs' path), as a list of document views.
  route('GET', '/document/:id/related_documents', cfg, async (c) => related(c, IX_DOC_TYPES));

  for (const type of IX_INVOICE_TYPES) {
    const base = `/${type.path}`;
    const same = [type];

    // InvoiceXpress creates drafts; finalizing is a change-state.
    route('POST', base, cfg, async (c) => {
      const parsed = readDocumentBody(c.body, type, c.today);
      const { id } = await createOnce(c, parsed.proprietaryUid, (db) => resolveDocumentInput(db, c.ctx, parsed, type));
      // Shown as the path's type: a vat_moss_invoice is an FT for the core, but a VatMossInvoice to its client.
      return documentReply(c, id, { type, types: IX_DOC_TYPES, status: 201 });
    });

    route('GET', `${base}/:id`, cfg, getInvoiceDocument(same));

    route('PUT', `${base}/:id`, cfg, async (c) => {
      const parsed = readDocumentBody(c.body, type, c.today, { update: true });
      await c.docTx(async (tx) => {
        const v = await loadDocument(c, c.id, same, tx);
        if (v.doc.status !== 'draft')
          throw new IxError(422, [
            `Only draft documents can be updated: this ${type.type} is ${v.doc.status === 'cancelled' ? 'canceled' : 'final'}`,
          ]);
        const current = draftAsInput(v);
        if (parsed.input.customer) current.contactId = undefined;
        if (
          parsed.lines &&
          parsed.ownerInvoiceId === undefined &&
          v.doc.related_document_id &&
          (type.core === 'NC' || type.core === 'ND')
        ) {
          parsed.ownerInvoiceId = v.doc.related_document_id;
        }
        await updateDraft(tx, c.ctx, v.doc.id, await resolveDocumentInput(tx, c.ctx, parsed, type, current));
      });
      return documentReply(c, c.id, { type, types: same });
    });

    route('PUT', `${base}/:id/change-state`, cfg, changeInvoiceDocumentState(same));

    route('GET', `${base}/:id/related-documents`, cfg, async (c) => related(c, same));
    route('GET', `${base}/:id/related_documents`, cfg, async (c) => related(c, same));
  }
}

/** The documents that point at this one (credit and debit notes, receipts, conversions) and the one it points at. */
async function related(c: Call, types: readonly IxDocType[]) {
  const v = await loadDocument(c, c.id, types);
  const ids = new Set<number>();
  if (v.doc.related_document_id) ids.add(v.doc.related_document_id);
  for (const l of v.lines) if (l.origin_document_id) ids.add(l.origin_document_id);
  for (const s of v.settlements) ids.add(s.receiptId === v.doc.id ? s.documentId : s.receiptId);
  for (const d of v.derived) ids.add(d.id);
  ids.delete(v.doc.id);
  const ctx = await viewContext(c);
  const others = await getDocuments(
    c.db,
    c.accountId,
    [...ids].sort((a, b) => a - b),
  );
  const documents = others.flatMap((other) => {
    const type = ALL_WITH_RECEIPTS.find((t) => t.core === other.doc.doc_type);
    return type ? [documentView(other, ctx, type)] : [];
  });
  // The docs answer `documents`; clients read `related_documents` or `invoices` as well.
  return { body: { documents, related_documents: documents, invoices: documents } };
}

/** Receipts have no InvoiceXpress document type of their own here; they are shown with the invoice fields. */
const ALL_WITH_RECEIPTS: readonly IxDocType[] = [
  ...IX_DOC_TYPES,
  {
    path: 'receipts',
    core: 'RG',
    family: 'invoice',
    requestRoot: 'receipt',
    root: 'receipt',
    genericRoot: 'invoice',
    type: 'Receipt',
  },
  {
    path: 'receipts',
    core: 'RC',
    family: 'invoice',
    requestRoot: 'receipt',
    root: 'receipt',
    genericRoot: 'invoice',
    type: 'Receipt',
  },
];
