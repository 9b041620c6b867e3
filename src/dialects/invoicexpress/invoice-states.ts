import type { Ctx, Tx } from '../../app/context.js';
import { cancelDocument } from '../../app/documents/cancel-document.js';
import { createReceipt } from '../../app/documents/create-receipt.js';
import type { DocumentView } from '../../app/documents/get-document.js';
import { setCreditNoteRefunded } from '../../app/documents/set-credit-note-refunded.js';
import type { IxDocType } from './doc-types.js';
import {
  type StateAction,
  type Transition,
  cancelAction,
  deleteAction,
  finalizeAction,
  transition,
} from './state-transition.js';
import { ixStatus } from './views/document.js';

export type IxEvent = 'finalized' | 'deleted' | 'canceled' | 'settled' | 'unsettled';

/** Documents settled on issue (InvoiceXpress shows them `settled` once final). */
const SETTLED_ON_ISSUE = ['FR', 'FS'];

/** `settled`: the refund flag (credit notes), or a receipt for the open balance (invoices, debit notes). */
const settle: StateAction = async (tx, ctx, v) => {
  if (v.doc.doc_type === 'NC') return setCreditNoteRefunded(tx, ctx.accountId, v.doc.id, true);
  await createReceipt(tx, ctx, { documents: [{ documentId: v.doc.id }], finalize: true });
};

/** `unsettled`: the refund flag cleared (credit notes), or the debit note's receipts cancelled. */
const unsettle: StateAction = async (tx, ctx, v, message) => {
  if (v.doc.doc_type === 'NC') return setCreditNoteRefunded(tx, ctx.accountId, v.doc.id, false);
  for (const s of v.settlements.filter((x) => x.status === 'final')) {
    await cancelDocument(tx, ctx, s.receiptId, message?.trim() || 'Unsettled: payment undone');
  }
};

/**
 * InvoiceXpress's change-state transitions for invoices of core type `core`, mapped onto use cases:
 * draft→final `finalized` (draft→settled for invoice-receipts and simplified invoices, paid on issue);
 * draft→deleted `deleted`; final→canceled `canceled` (message required), settled→canceled for documents paid on issue;
 * final→settled `settled`; settled→final `unsettled` (credit and debit notes only). Anything else is a 422.
 */
function transitions(core: string): Record<IxEvent, Transition<ReturnType<typeof ixStatus>>> {
  return {
    finalized: { from: ['draft'], run: finalizeAction },
    deleted: { from: ['draft'], run: deleteAction },
    canceled: { from: SETTLED_ON_ISSUE.includes(core) ? ['final', 'settled'] : ['final'], run: cancelAction },
    settled: { from: ['final'], run: settle },
    unsettled: { from: core === 'NC' || core === 'ND' ? ['settled'] : [], run: unsettle },
  };
}

export async function changeInvoiceState(
  tx: Tx,
  ctx: Ctx,
  v: DocumentView,
  type: IxDocType,
  state: string | null | undefined,
  message: string | null | undefined,
): Promise<void> {
  return transition(transitions(v.doc.doc_type), ixStatus(v.doc), state, type)(tx, ctx, v, message);
}
