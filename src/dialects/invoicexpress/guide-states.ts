import type { Ctx, Tx } from '../../app/context.js';
import { cancelDocument } from '../../app/documents/cancel-document.js';
import { deleteDraft } from '../../app/documents/delete-draft.js';
import { finalizeDocument } from '../../app/documents/finalize-document.js';
import type { DocumentView } from '../../app/documents/get-document.js';
import type { IxDocType } from './doc-types.js';
import { IxError } from './ix-error.js';
import { ixStatus } from './views/document.js';

const EVENTS = ['finalized', 'deleted', 'canceled'] as const;

/**
 * InvoiceXpress's guide transitions: draft→final `finalized` (communicated to AT by the core when the account has
 * transport communication on); draft→deleted `deleted`; final→canceled `canceled` (message required). Anything
 * else is a 422.
 */
export async function changeGuideState(tx: Tx, ctx: Ctx, v: DocumentView, type: IxDocType, state: string | null | undefined, message: string | null | undefined): Promise<void> {
  const event = state?.trim().toLowerCase() ?? '';
  if (!(EVENTS as readonly string[]).includes(event)) throw new IxError(422, [`State must be one of: ${EVENTS.join(', ')}`]);
  const from = ixStatus(v.doc);
  const refuse = () => new IxError(422, [`A ${from} ${type.type} cannot be ${event}`]);
  const id = v.doc.id;
  switch (event as (typeof EVENTS)[number]) {
    case 'finalized':
      if (from !== 'draft') throw refuse();
      return finalizeDocument(tx, ctx, id);
    case 'deleted':
      if (from !== 'draft') throw refuse();
      return deleteDraft(tx, ctx.accountId, id);
    case 'canceled':
      if (from !== 'final') throw refuse();
      if (!message?.trim()) throw new IxError(422, ['A message is required to cancel a document']);
      return cancelDocument(tx, ctx, id, message);
  }
}
