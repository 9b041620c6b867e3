import type { Ctx, Tx } from '../../app/context.js';
import { cancelDocument } from '../../app/documents/cancel-document.js';
import { createReceipt } from '../../app/documents/create-receipt.js';
import type { DocumentView } from '../../app/documents/get-document.js';
import { setCreditNoteRefunded } from '../../app/documents/set-credit-note-refunded.js';
import { settledOnIssue } from '../../domain/documents/paid-on-issue.js';
import type { DocType } from '../../domain/documents/types.js';
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
 * InvoiceXpress's change-state transitions for an invoice, mapped onto use cases: draft→final `finalized`
 * (draft→settled for invoice-receipts, paid on issue; a simplified invoice becomes `final` with its amount open);
 * draft→deleted `deleted`; final→canceled `canceled` (message required), settled→canceled for documents paid on
 * issue; final→settled `settled`; settled→final `unsettled` (credit and debit notes only). Anything else is a 422.
 */
function transitions(doc: DocumentView['doc']): Record<IxEvent, Transition<ReturnType<typeof ixStatus>>> {
  const core = doc.doc_type as DocType;
  return {
    finalized: { from: ['draft'], run: finalizeAction },
    deleted: { from: ['draft'], run: deleteAction },
    canceled: {
      from: settledOnIssue(core, doc.settled_on_issue) ? ['final', 'settled'] : ['final'],
      run: cancelAction,
    },
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
  return transition(transitions(v.doc), ixStatus(v.doc), state, type)(tx, ctx, v, message);
}
