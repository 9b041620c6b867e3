import type { Ctx, Tx } from '../../app/context.js';
import { cancelDocument } from '../../app/documents/cancel-document.js';
import { createReceipt } from '../../app/documents/create-receipt.js';
import { deleteDraft } from '../../app/documents/delete-draft.js';
import { finalizeDocument } from '../../app/documents/finalize-document.js';
import type { DocumentView } from '../../app/documents/get-document.js';
import { setCreditNoteRefunded } from '../../app/documents/set-credit-note-refunded.js';
import type { IxDocType } from './doc-types.js';
import { IxError } from './ix-error.js';
import { ixStatus } from './views/document.js';

export type IxEvent = 'finalized' | 'deleted' | 'canceled' | 'settled' | 'unsettled';
const EVENTS: readonly string[] = ['finalized', 'deleted', 'canceled', 'settled', 'unsettled'];

/** Documents settled on issue (InvoiceXpress shows them `settled` once final). */
const SETTLED_ON_ISSUE = ['FR', 'FS'];

/**
 * InvoiceXpress's change-state transitions for invoices, mapped onto use cases:
 * draft→final `finalized` (draft→settled for invoice-receipts and simplified invoices, paid on issue);
 * draft→deleted `deleted`; final→canceled `canceled` (message required), settled→canceled for documents paid on issue;
 * final→settled `settled`: a receipt for the open balance (invoices, debit notes), the refund flag (credit notes);
 * settled→final `unsettled` (credit and debit notes): the refund flag cleared, or the debit note's receipts cancelled.
 * Anything else is a 422.
 */
export async function changeInvoiceState(tx: Tx, ctx: Ctx, v: DocumentView, type: IxDocType, state: string | null | undefined, message: string | null | undefined): Promise<void> {
  const event = state?.trim().toLowerCase() ?? '';
  if (!EVENTS.includes(event)) throw new IxError(422, [`State must be one of: ${EVENTS.join(', ')}`]);
  const from = ixStatus(v.doc);
  const core = v.doc.doc_type;
  const refuse = () => new IxError(422, [`A ${from} ${type.type} cannot be ${event}`]);
  const id = v.doc.id;
  switch (event as IxEvent) {
    case 'finalized':
      if (from !== 'draft') throw refuse();
      return finalizeDocument(tx, ctx, id);
    case 'deleted':
      if (from !== 'draft') throw refuse();
      return deleteDraft(tx, ctx.accountId, id);
    case 'canceled': {
      if (!(from === 'final' || (from === 'settled' && SETTLED_ON_ISSUE.includes(core)))) throw refuse();
      if (!message?.trim()) throw new IxError(422, ['A message is required to cancel a document']);
      return cancelDocument(tx, ctx, id, message);
    }
    case 'settled':
      if (from !== 'final') throw refuse();
      if (core === 'NC') return setCreditNoteRefunded(tx, ctx.accountId, id, true);
      await createReceipt(tx, ctx, { documents: [{ documentId: id }], finalize: true });
      return;
    case 'unsettled':
      if (from !== 'settled' || (core !== 'NC' && core !== 'ND')) throw refuse();
      if (core === 'NC') return setCreditNoteRefunded(tx, ctx.accountId, id, false);
      for (const s of v.settlements.filter((x) => x.status === 'final')) {
        await cancelDocument(tx, ctx, s.receiptId, message?.trim() || 'Unsettled: payment undone');
      }
  }
}
