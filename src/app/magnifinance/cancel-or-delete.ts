import type { Ctx, Tx } from '../context.js';
import { cancelDocument } from '../documents/cancel-document.js';
import { deleteDraft } from '../documents/delete-draft.js';

/** The reason a cancellation records when the client gives none (MagniFinance's DocumentCancel carries none). */
export const DEFAULT_CANCEL_REASON = 'Documento anulado a pedido do emitente (API)';

/**
 * DocumentCancel: a finalized document is cancelled (with the reason given, or the default one); a draft, which has
 * no number and no legal existence, is deleted. Answers what was done.
 */
export async function cancelOrDelete(
  tx: Tx,
  ctx: Ctx,
  id: number,
  reason: string | undefined,
): Promise<'cancelled' | 'deleted'> {
  const row = await tx
    .selectFrom('documents')
    .select('status')
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row?.status === 'draft') {
    await deleteDraft(tx, ctx.accountId, id);
    return 'deleted';
  }
  await cancelDocument(tx, ctx, id, reason?.trim() || DEFAULT_CANCEL_REASON);
  return 'cancelled';
}
