import type { DocumentView } from '../../../app/documents/get-document.js';
import type { IxDocType } from '../doc-types.js';
import { estimateStatus } from '../estimate-states.js';
import { type DocumentViewContext, documentView } from './document.js';

/** An estimate: the document view, with the commercial status (accepted, refused) of a finalized one. */
export function estimateView(
  v: DocumentView,
  ctx: DocumentViewContext,
  type: IxDocType,
  stateIds: { accepted: number[]; refused: number[] },
) {
  return { ...documentView(v, ctx, type), status: estimateStatus(v.doc, stateIds) };
}
