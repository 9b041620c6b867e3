import { DomainError } from '../../domain/errors.js';
import type { Ctx, Tx } from '../context.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { getPurchaseDocument, purchaseNotFound } from './get-purchase-document.js';
import type { PurchaseDocumentView } from './purchase-view.js';

export const INBOX_RESPOND_JOB = 'peppol.inbox.respond';
export const REASON_MAX = 500;

export type PurchaseDecision = { accept: true; reason?: string | null } | { accept: false; reason: string };

/**
 * The buyer's decision on a received document, made once: accepted, or refused with a reason. A document that came
 * over Peppol gets a Peppol Invoice Response (AP or RE with the reason) sent by the outbox
 * (`peppol.inbox.respond`, send-invoice-response.ts); any other records `unsupported`.
 */
export async function decidePurchaseDocument(
  tx: Tx,
  ctx: Ctx,
  id: number,
  decision: PurchaseDecision,
): Promise<PurchaseDocumentView> {
  const reason = decision.reason?.trim() || null;
  if (!decision.accept && !reason)
    throw new DomainError('validation', 'A refusal needs a reason: it is sent to the supplier.', [
      { field: 'reason', issue: 'required', message: 'Why the document is refused.' },
    ]);
  if (reason && reason.length > REASON_MAX)
    throw new DomainError('validation', `The reason is at most ${REASON_MAX} characters.`, [
      { field: 'reason', issue: 'too_long', message: `At most ${REASON_MAX} characters.`, value: String(REASON_MAX) },
    ]);
  const row = await tx
    .selectFrom('purchase_documents')
    .select(['status', 'source'])
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw purchaseNotFound(id);
  if (row.status !== 'received')
    throw new DomainError(
      'conflict',
      `Received document ${id} was already ${row.status}: the decision is made once.`,
      [],
      {
        status: row.status,
      },
    );
  const peppol = row.source === 'peppol';
  await tx
    .updateTable('purchase_documents')
    .set({
      status: decision.accept ? 'accepted' : 'refused',
      decision_reason: reason,
      decided_at: ctx.now.toISOString(),
      response_status: peppol ? 'pending' : 'unsupported',
    })
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', id)
    .execute();
  if (peppol)
    await enqueueJob(tx, {
      accountId: ctx.accountId,
      kind: INBOX_RESPOND_JOB,
      payload: { purchaseDocumentId: id },
      dedupeKey: `respond:${id}`,
    });
  return getPurchaseDocument(tx, ctx.accountId, id);
}
