import { type DocumentView, getDocument } from '../../app/documents/get-document.js';
import { listTaxes } from '../../app/taxes/list-taxes.js';
import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../../app/context.js';
import type { Call, IxReply } from './context.js';
import { IX_DOC_TYPES, type IxDocType, ixTypeOfCore } from './doc-types.js';
import { IxError } from './ix-error.js';
import { type DocumentViewContext, type IxDocumentBody, documentBody, documentView } from './views/document.js';

/** The view context of a call: the account's tax names, the public URL, the route's format. */
export async function viewContext(c: Call, tx: Tx = c.db): Promise<DocumentViewContext> {
  const taxes = await listTaxes(tx, c.accountId);
  return {
    taxes: new Map(taxes.map((x) => [x.id, { name: x.name }])),
    publicUrl: c.deps.config.publicUrl,
    format: c.format,
  };
}

/**
 * The core document `id` of the account, if its type is one of `types` (a document of another type, or another
 * account's, is unknown: 404 as InvoiceXpress answers).
 */
export async function loadDocument(
  c: Call,
  id: number,
  types: readonly IxDocType[],
  tx: Tx = c.db,
): Promise<DocumentView> {
  if (!id) throw new IxError(404, ['Document not found']);
  try {
    const v = await getDocument(tx, c.accountId, id);
    if (!types.some((t) => t.core === v.doc.doc_type)) throw new IxError(404, ['Document not found']);
    return v;
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') throw new IxError(404, ['Document not found']);
    throw err;
  }
}

/**
 * A document as InvoiceXpress answers it, under its doc-typed and generic roots. `types`: the types the route
 * serves (default: `type`, else every type); `type`: the type to show (default: the core type's).
 */
export async function documentReply(
  c: Call,
  id: number,
  opts: { type?: IxDocType; status?: number; types?: readonly IxDocType[] } = {},
): Promise<IxReply> {
  const v = await loadDocument(c, id, opts.types ?? (opts.type ? [opts.type] : IX_DOC_TYPES));
  return replyOf(c, v, opts);
}

/** The answer for a loaded document view. */
export async function replyOf(
  c: Call,
  v: DocumentView,
  opts: { type?: IxDocType; status?: number } = {},
): Promise<IxReply> {
  const type = opts.type ?? ixTypeOfCore(v.doc.doc_type);
  if (!type) throw new IxError(404, ['Document not found']);
  const view = documentView(v, await viewContext(c), type);
  return { status: opts.status ?? 200, body: documentBody(view, type) };
}

export type { IxDocumentBody };
