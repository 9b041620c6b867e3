import type { Ctx, Tx } from '../../app/context.js';
import type { DocumentView } from '../../app/documents/get-document.js';
import type { IxDocType } from './doc-types.js';
import { type Transition, cancelAction, deleteAction, finalizeAction, transition } from './state-transition.js';
import { ixStatus } from './views/document.js';

/**
 * InvoiceXpress's guide transitions: draft→final `finalized` (communicated to AT by the core when the account has
 * transport communication on); draft→deleted `deleted`; final→canceled `canceled` (message required). Anything
 * else is a 422.
 */
const TRANSITIONS: Record<string, Transition<ReturnType<typeof ixStatus>>> = {
  finalized: { from: ['draft'], run: finalizeAction },
  deleted: { from: ['draft'], run: deleteAction },
  canceled: { from: ['final'], run: cancelAction },
};

export async function changeGuideState(
  tx: Tx,
  ctx: Ctx,
  v: DocumentView,
  type: IxDocType,
  state: string | null | undefined,
  message: string | null | undefined,
): Promise<void> {
  return transition(TRANSITIONS, ixStatus(v.doc), state, type)(tx, ctx, v, message);
}
