import type { Ctx, Tx } from '../../app/context.js';
import { cancelDocument } from '../../app/documents/cancel-document.js';
import { deleteDraft } from '../../app/documents/delete-draft.js';
import { finalizeDocument } from '../../app/documents/finalize-document.js';
import type { DocumentView } from '../../app/documents/get-document.js';
import type { IxDocType } from './doc-types.js';
import { IxError } from './ix-error.js';

/** What a change-state does once the transition is allowed. */
export type StateAction = (tx: Tx, ctx: Ctx, v: DocumentView, message: string | null | undefined) => Promise<void>;

/** One change-state event: the statuses it may start from, what it does, and how a refusal names it. */
export interface Transition<S extends string> {
  from: readonly S[];
  run: StateAction;
  /** The refusal's word for the event (`accept` → `accepted`); the event itself by default. */
  as?: string;
}

/**
 * The action for `state` from status `from`, or InvoiceXpress's 422: `State must be one of: …` (the table's events,
 * in order) for an unknown event, `A final Quote cannot be accepted` for one not allowed from `from`.
 */
export function transition<S extends string>(
  table: Readonly<Record<string, Transition<S>>>,
  from: S,
  state: string | null | undefined,
  type: IxDocType,
): StateAction {
  const event = state?.trim().toLowerCase() ?? '';
  const events = Object.keys(table);
  if (!events.includes(event)) throw new IxError(422, [`State must be one of: ${events.join(', ')}`]);
  const t = table[event];
  if (!t.from.includes(from)) throw new IxError(422, [`A ${from} ${type.type} cannot be ${t.as ?? event}`]);
  return t.run;
}

/** `finalized`: the draft is issued. */
export const finalizeAction: StateAction = async (tx, ctx, v) => {
  await finalizeDocument(tx, ctx, v.doc.id);
};

/** `deleted`: the draft is removed. */
export const deleteAction: StateAction = async (tx, ctx, v) => {
  await deleteDraft(tx, ctx.accountId, v.doc.id);
};

/** `canceled`: the document is cancelled, with the message as the reason (required). */
export const cancelAction: StateAction = async (tx, ctx, v, message) => {
  if (!message?.trim()) throw new IxError(422, ['A message is required to cancel a document']);
  await cancelDocument(tx, ctx, v.doc.id, message);
};
