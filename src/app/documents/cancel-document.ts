import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import { zonedDateTime } from '../../domain/time.js';
import type { Ctx, Tx } from '../context.js';
import { applyBalances } from './apply-balances.js';
import { postStock } from './post-stock.js';
import { enqueueAtCommunication } from '../at/enqueue-at-communication.js';
import { regimeOf } from '../../domain/regime/registry.js';
import { emitEvents } from '../webhooks/emit-events.js';

/**
 * Cancels a finalized document. It keeps its number and stays in SAF-T with status A (P302 4.1.4.3).
 */
export async function cancelDocument(tx: Tx, ctx: Ctx, id: number, reason: string | null | undefined): Promise<void> {
  const why = reason?.trim();
  if (!why)
    throw new DomainError('validation', 'A reason is required to cancel a document.', [
      { field: 'reason', issue: 'required', message: 'The law requires the reason for a cancellation.' },
    ]);
  if (why.length > 200)
    throw new DomainError('validation', 'The reason is too long.', [
      { field: 'reason', issue: 'too_long', message: 'At most 200 characters.', value: '200' },
    ]);
  const doc = await tx
    .selectFrom('documents')
    .select(['id', 'status', 'doc_type', 'doc_no', 'related_document_id', 'payable_total', 'store_id', 'doc_date'])
    // The account's country (its regime) with the row: a scalar subquery, so FOR UPDATE locks the document alone.
    .select((eb) =>
      eb
        .selectFrom('accounts')
        .select('accounts.country')
        .whereRef('accounts.id', '=', 'documents.account_id')
        .as('country'),
    )
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!doc) throw notFound('document', id);
  if (doc.status === 'cancelled')
    throw new DomainError('document_already_cancelled', `${doc.doc_no} is already cancelled.`);
  if (doc.status !== 'final')
    throw new DomainError('document_not_final', 'Only finalized documents can be cancelled; delete a draft instead.');

  const paid = await tx
    .selectFrom('settlements as s')
    .innerJoin('documents as r', (j) => j.onRef('r.account_id', '=', 's.account_id').onRef('r.id', '=', 's.receipt_id'))
    .select('r.doc_no')
    .where('s.account_id', '=', ctx.accountId)
    .where('s.document_id', '=', id)
    .where('r.status', '=', 'final')
    .executeTakeFirst();
  // NOTE: bill.pt 236 — a document with payments is cancelled only after its receipts.
  if (paid)
    throw new DomainError(
      'document_has_payments',
      `${doc.doc_no} has a payment (${paid.doc_no}); cancel the receipt first.`,
    );
  const rect = await tx
    .selectFrom('documents')
    .select('doc_no')
    .where('account_id', '=', ctx.accountId)
    .where('related_document_id', '=', id)
    .where('doc_type', 'in', ['NC', 'ND'])
    .where('status', '=', 'final')
    .executeTakeFirst();
  // NOTE: D8632 §3.3.8 — a document with credit or debit notes cannot be cancelled until they are.
  if (rect) throw new DomainError('document_has_rectifications', `${doc.doc_no} has ${rect.doc_no}; cancel it first.`);
  const converted = await tx
    .selectFrom('document_lines as l')
    .innerJoin('documents as d', (j) =>
      j.onRef('d.account_id', '=', 'l.account_id').onRef('d.id', '=', 'l.document_id'),
    )
    .select('d.doc_no')
    .where('l.account_id', '=', ctx.accountId)
    .where('l.origin_document_id', '=', id)
    .where('d.status', '=', 'final')
    .where('d.doc_type', 'not in', ['NC', 'ND'])
    .executeTakeFirst();
  // NOTE: bill.pt 251 — a converted document is cancelled only after the document that took it.
  if (converted)
    throw new DomainError(
      'document_converted',
      `${doc.doc_no} was converted into ${converted.doc_no}; cancel that first.`,
    );

  const regime = regimeOf({ country: doc.country ?? 'PT' });
  // The status date is on the regime's legal clock (Brussels for a Belgian seller), as the entry time is.
  const now = zonedDateTime(ctx.now, regime.timeZone);
  await tx
    .updateTable('documents')
    .set({
      status: 'cancelled',
      status_date: now,
      cancel_reason: why,
      open_balance: '0',
      paid: false,
      updated_at: sql`now()`,
    })
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', id)
    .execute();
  await applyBalances(tx, ctx.accountId, doc, -1);
  await postStock(tx, ctx.accountId, doc, regime.today(ctx.now), true);
  if (regime.taxAuthorities.includes('AT')) {
    await enqueueAtCommunication(tx, ctx.accountId, id, doc.doc_type, 'cancel');
  }
  await emitEvents(tx, ctx.accountId, [{ type: 'document.cancelled', documentId: id, data: { reason: why } }]);
}
