import type { Ctx, Tx } from '../../app/context.js';
import { ensureDocumentState } from '../../app/documents/ensure-document-state.js';
import type { DocumentView } from '../../app/documents/get-document.js';
import { setDocumentState } from '../../app/documents/set-document-state.js';
import { CATALOGS } from '../../app/reference/catalogs.js';
import { listCatalog } from '../../app/reference/list-catalog.js';
import type { IxDocType } from './doc-types.js';
import {
  type StateAction,
  type Transition,
  cancelAction,
  deleteAction,
  finalizeAction,
  transition,
} from './state-transition.js';

export type IxEstimateStatus = 'draft' | 'final' | 'accepted' | 'refused' | 'canceled';

/**
 * Accepted and refused are commercial states of a finalized estimate, kept as the account's document states of
 * these names (state_id may change after finalize; the fiscal content does not).
 */
const COMMERCIAL = { accepted: 'Accepted', refused: 'Refused' } as const;

/** The account's state ids that read as accepted or refused (by name: duplicates of a name all count). */
export async function estimateStateIds(tx: Tx, accountId: number): Promise<{ accepted: number[]; refused: number[] }> {
  const states = (await listCatalog(tx, accountId, CATALOGS.documentStates)) as unknown as {
    id: number;
    name: string;
  }[];
  const ids = (name: string) =>
    states.filter((s) => s.name.trim().toLowerCase() === name.toLowerCase()).map((s) => s.id);
  return { accepted: ids(COMMERCIAL.accepted), refused: ids(COMMERCIAL.refused) };
}

export function estimateStatus(
  d: { status: string; state_id: number | null },
  ids: { accepted: number[]; refused: number[] },
): IxEstimateStatus {
  if (d.status === 'draft') return 'draft';
  if (d.status === 'cancelled') return 'canceled';
  if (d.state_id !== null && ids.accepted.includes(d.state_id)) return 'accepted';
  if (d.state_id !== null && ids.refused.includes(d.state_id)) return 'refused';
  return 'final';
}

/** Sets the finalized estimate's commercial state (`Accepted` or `Refused`). */
const commercial =
  (name: string): StateAction =>
  async (tx, ctx, v) => {
    await setDocumentState(tx, ctx.accountId, v.doc.id, await ensureDocumentState(tx, ctx.accountId, name));
  };

/**
 * InvoiceXpress's estimate transitions: draft→final `finalized`; draft→deleted `deleted`; final→accepted `accept`;
 * final→refused `refuse`; accepted↔refused (`refuse`, `accept`); final/accepted/refused→canceled `canceled`
 * (message required). Anything else is a 422.
 */
const TRANSITIONS: Record<string, Transition<IxEstimateStatus>> = {
  finalized: { from: ['draft'], run: finalizeAction },
  deleted: { from: ['draft'], run: deleteAction },
  accept: { from: ['final', 'refused'], run: commercial(COMMERCIAL.accepted), as: 'accepted' },
  refuse: { from: ['final', 'accepted'], run: commercial(COMMERCIAL.refused), as: 'refused' },
  canceled: { from: ['final', 'accepted', 'refused'], run: cancelAction },
};

export async function changeEstimateState(
  tx: Tx,
  ctx: Ctx,
  v: DocumentView,
  type: IxDocType,
  state: string | null | undefined,
  message: string | null | undefined,
): Promise<void> {
  const from = estimateStatus(v.doc, await estimateStateIds(tx, ctx.accountId));
  return transition(TRANSITIONS, from, state, type)(tx, ctx, v, message);
}
