import { DomainError, notFound } from '../../domain/errors.js';
import { dec } from '../../domain/money/decimal.js';
import type { DocType } from '../../domain/documents/types.js';
import { opensBalance } from '../../domain/documents/paid-on-issue.js';
import { regimeOf } from '../../domain/regime/registry.js';
import { zonedDateTime } from '../../domain/time.js';
import type { Ctx, Tx } from '../context.js';
import { cancelDocument } from '../documents/cancel-document.js';
import { createReceipt } from '../documents/create-receipt.js';
import { setCreditNoteRefunded } from '../documents/set-credit-note-refunded.js';
import { setInternalNote } from '../documents/set-internal-note.js';
import { isDeletedOrder } from './is-deleted-order.js';
import { type OrderFlags, saveOrderFlags } from './save-order-flags.js';

export type OrderPatch = Omit<OrderFlags, 'deleted'> & { paid?: boolean };

/** Why a receipt made for Billit's Paid flag is cancelled when the flag goes back to false. */
const UNPAID_REASON = 'Marked unpaid through the Billit API (PATCH Paid=false).';

/**
 * Billit's PATCH of an order. Paid is bookkeeping in Billit; here an invoice's paid state is what its receipts say
 * (SAF-T, open balances and statements read them), so Paid=true on an invoice with an open balance issues a receipt
 * (RG) for that balance, dated PaidDate, and Paid=false cancels the receipts that settled it alone. A credit note's
 * Paid is its refund (the core's flag). On the other orders (quotes, order forms…) Paid is only Billit's flag.
 */
export async function patchOrder(
  tx: Tx,
  ctx: Ctx,
  documentId: number,
  /** Billit's OrderType of a document type (kept when the order's row is first written). */
  orderType: (docType: string) => string,
  patch: OrderPatch,
): Promise<void> {
  const doc = await tx
    .selectFrom('documents')
    .select(['id', 'status', 'doc_type', 'doc_no', 'open_balance', 'settled_on_issue'])
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', documentId)
    .forUpdate()
    .executeTakeFirst();
  if (!doc || (await isDeletedOrder(tx, ctx.accountId, documentId))) throw notFound('document', documentId);
  const account = await tx
    .selectFrom('accounts')
    .select('country')
    .where('id', '=', ctx.accountId)
    .executeTakeFirstOrThrow();
  const regime = regimeOf(account);
  const flags: OrderFlags = { ...patch };

  if (patch.paid !== undefined) {
    const paid = patch.paid;
    if (patch.paidDate === undefined) flags.paidDate = paid ? zonedDateTime(ctx.now, regime.timeZone) : null;
    const type = doc.doc_type as DocType;
    if (opensBalance(type, doc.settled_on_issue)) {
      if (doc.status !== 'final')
        throw new DomainError(
          'document_not_final',
          `${doc.doc_no ?? `Order ${doc.id}`} is ${doc.status === 'draft' ? 'a draft' : 'cancelled'}: only an issued invoice is paid.`,
        );
      if (paid && dec(doc.open_balance).gt(0))
        await createReceipt(tx, ctx, {
          type: 'RG',
          date: (flags.paidDate ?? zonedDateTime(ctx.now, regime.timeZone)).slice(0, 10),
          documents: [{ documentId }],
        });
      if (!paid) await cancelReceiptsOf(tx, ctx, documentId);
      // The receipts are the truth: Billit's own flag stays unset.
      flags.paid = null;
    } else if (type === 'NC' && doc.status === 'final') {
      await setCreditNoteRefunded(tx, ctx.accountId, documentId, paid);
      flags.paid = null;
    } else {
      flags.paid = paid;
    }
  }
  if (patch.internalInfo !== undefined) await setInternalNote(tx, ctx.accountId, documentId, patch.internalInfo);
  await saveOrderFlags(tx, ctx.accountId, documentId, orderType(doc.doc_type), flags);
}

/** Cancels the issued receipts that settle this document alone; one that settles others too is refused. */
async function cancelReceiptsOf(tx: Tx, ctx: Ctx, documentId: number): Promise<void> {
  const receipts = await tx
    .selectFrom('settlements as s')
    .innerJoin('documents as r', (j) => j.onRef('r.account_id', '=', 's.account_id').onRef('r.id', '=', 's.receipt_id'))
    .select(['r.id', 'r.doc_no'])
    .select((eb) =>
      eb
        .selectFrom('settlements as o')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('o.account_id', '=', 's.account_id')
        .whereRef('o.receipt_id', '=', 's.receipt_id')
        .as('settles'),
    )
    .where('s.account_id', '=', ctx.accountId)
    .where('s.document_id', '=', documentId)
    .where('r.status', '=', 'final')
    .orderBy('r.id')
    .execute();
  const shared = receipts.find((r) => Number(r.settles) > 1);
  if (shared)
    throw new DomainError(
      'document_has_payments',
      `The payment ${shared.doc_no} also settles other documents: cancel it through the receipts API.`,
    );
  for (const r of receipts) await cancelDocument(tx, ctx, r.id, UNPAID_REASON);
}
