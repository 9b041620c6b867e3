import type { Ctx, Tx } from '../../app/context.js';
import { cancelDocument } from '../../app/documents/cancel-document.js';
import { deleteDraft } from '../../app/documents/delete-draft.js';
import { ensureDocumentState } from '../../app/documents/ensure-document-state.js';
import { finalizeDocument } from '../../app/documents/finalize-document.js';
import type { DocumentView } from '../../app/documents/get-document.js';
import { setDocumentState } from '../../app/documents/set-document-state.js';
import { CATALOGS } from '../../app/reference/catalogs.js';
import { listCatalog } from '../../app/reference/list-catalog.js';
import type { IxDocType } from './doc-types.js';
import { IxError } from './ix-error.js';

export type IxEstimateStatus = 'draft' | 'final' | 'accepted' | 'refused' | 'canceled';

/**
 * Accepted and refused are commercial states of a finalized estimate, kept as the account's document states of
 * these names (state_id may change after finalize; the fiscal content does not).
 */
const COMMERCIAL = { accepted: 'Accepted', refused: 'Refused' } as const;

/** The account's state ids that read as accepted or refused (by name: duplicates of a name all count). */
export async function estimateStateIds(tx: Tx, accountId: number): Promise<{ accepted: number[]; refused: number[] }> {
  const states = await listCatalog(tx, accountId, CATALOGS.documentStates) as unknown as { id: number; name: string }[];
  const ids = (name: string) => states.filter((s) => s.name.trim().toLowerCase() === name.toLowerCase()).map((s) => s.id);
  return { accepted: ids(COMMERCIAL.accepted), refused: ids(COMMERCIAL.refused) };
}

export function estimateStatus(d: { status: string; state_id: number | null }, ids: { accepted: number[]; refused: number[] }): IxEstimateStatus {
  if (d.status === 'draft') return 'draft';
  if (d.status === 'cancelled') return 'canceled';
  if (d.state_id !== null && ids.accepted.includes(d.state_id)) return 'accepted';
  if (d.state_id !== null && ids.refused.includes(d.state_id)) return 'refused';
  return 'final';
}

const EVENTS = ['finalized', 'deleted', 'accept', 'refuse', 'canceled'] as const;

/**
 * InvoiceXpress's estimate transitions: draft→final `finalized`; draft→deleted `deleted`; final→accepted `accept`;
 * final→refused `refuse`; accepted↔refused (`refuse`, `accept`); final/accepted/refused→canceled `canceled`
 * (message required). Anything else is a 422.
 */
export async function changeEstimateState(tx: Tx, ctx: Ctx, v: DocumentView, type: IxDocType, state: string | null | undefined, message: string | null | undefined): Promise<void> {
  const event = state?.trim().toLowerCase() ?? '';
  if (!(EVENTS as readonly string[]).includes(event)) throw new IxError(422, [`State must be one of: ${EVENTS.join(', ')}`]);
  const from = estimateStatus(v.doc, await estimateStateIds(tx, ctx.accountId));
  const refuse = () => new IxError(422, [`A ${from} ${type.type} cannot be ${event === 'accept' ? 'accepted' : event === 'refuse' ? 'refused' : event}`]);
  const id = v.doc.id;
  switch (event as (typeof EVENTS)[number]) {
    case 'finalized':
      if (from !== 'draft') throw refuse();
      return finalizeDocument(tx, ctx, id);
    case 'deleted':
      if (from !== 'draft') throw refuse();
      return deleteDraft(tx, ctx.accountId, id);
    case 'accept':
      if (from !== 'final' && from !== 'refused') throw refuse();
      return setDocumentState(tx, ctx.accountId, id, await ensureDocumentState(tx, ctx.accountId, COMMERCIAL.accepted));
    case 'refuse':
      if (from !== 'final' && from !== 'accepted') throw refuse();
      return setDocumentState(tx, ctx.accountId, id, await ensureDocumentState(tx, ctx.accountId, COMMERCIAL.refused));
    case 'canceled':
      if (from === 'draft' || from === 'canceled') throw refuse();
      if (!message?.trim()) throw new IxError(422, ['A message is required to cancel a document']);
      return cancelDocument(tx, ctx, id, message);
  }
}
