import { DomainError, notFound } from '../../domain/errors.js';
import type { DocType } from '../../domain/documents/types.js';
import { opensBalance } from '../../domain/documents/paid-on-issue.js';
import type { Ctx, Tx } from '../context.js';
import { createReceipt } from '../documents/create-receipt.js';
import { isDeletedOrder } from './is-deleted-order.js';

export interface OrderPayment {
  /** A positive amount, at most 2 decimals (the receipt checks it against the open balance). */
  amount: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** The SAF-T payment mechanism (TB transfer, CC card, CD debit card, NU cash, OU other) to find the method by. */
  mechanism?: string;
  /** The payment's reference or description, kept in the receipt's observations. */
  note?: string | null;
}

/**
 * A payment of an issued invoice recorded through Billit (POST /v1/orders/{id}/payments): a receipt (RG) for the
 * amount, so SAF-T, open balances and the Paid flag all follow from it. The account's payment method with that
 * mechanism is used when it has one, else the customer's default.
 */
export async function recordOrderPayment(tx: Tx, ctx: Ctx, documentId: number, p: OrderPayment): Promise<number> {
  const doc = await tx
    .selectFrom('documents')
    .select(['id', 'doc_type', 'doc_no', 'status', 'settled_on_issue'])
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!doc || (await isDeletedOrder(tx, ctx.accountId, documentId))) throw notFound('document', documentId);
  if (!opensBalance(doc.doc_type as DocType, doc.settled_on_issue))
    throw new DomainError('validation', `${doc.doc_no ?? `Order ${doc.id}`} is not an order that takes payments.`, [
      { field: 'OrderID', issue: 'invalid', message: 'Only invoices and debit notes are paid.' },
    ]);
  const method = p.mechanism
    ? await tx
        .selectFrom('payment_methods')
        .select('id')
        .where('account_id', '=', ctx.accountId)
        .where('saft_code', '=', p.mechanism)
        .where('archived', '=', false)
        .orderBy('is_default', 'desc')
        .orderBy('id')
        .executeTakeFirst()
    : undefined;
  return createReceipt(tx, ctx, {
    type: 'RG',
    date: p.date,
    documents: [{ documentId, amount: p.amount }],
    ...(method ? { paymentMethodId: method.id } : {}),
    observations: p.note?.trim() ? p.note.trim().slice(0, 200) : null,
  });
}
