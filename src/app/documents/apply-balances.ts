import { sql } from 'kysely';
import { DomainError } from '../../domain/errors.js';
import { dec } from '../../domain/money/decimal.js';
import type { Tx } from '../context.js';
import { emitEvents, type EventDraft } from '../webhooks/emit-events.js';

/**
 * Moves open balances when a receipt or a credit note is finalized (direction 1) or cancelled (direction -1).
 * A receipt settles each document by its settlement amount; a credit note lowers its original by its payable total.
 */
export async function applyBalances(
  tx: Tx,
  accountId: number,
  doc: { id: number; doc_type: string; related_document_id: number | null; payable_total: string },
  direction: 1 | -1,
): Promise<void> {
  let moves: { documentId: number; amount: string }[] = [];
  if (doc.doc_type === 'RC' || doc.doc_type === 'RG') {
    moves = (
      await tx
        .selectFrom('settlements')
        .select(['document_id', 'amount'])
        .where('account_id', '=', accountId)
        .where('receipt_id', '=', doc.id)
        .execute()
    ).map((s) => ({ documentId: s.document_id, amount: s.amount }));
  } else if (doc.doc_type === 'NC' && doc.related_document_id) {
    moves = [{ documentId: doc.related_document_id, amount: doc.payable_total }];
  }
  if (!moves.length) return;
  const targets = await tx
    .selectFrom('documents')
    .select(['id', 'open_balance', 'doc_no', 'status'])
    .where('account_id', '=', accountId)
    .where(
      'id',
      'in',
      moves.map((m) => m.documentId),
    )
    .orderBy('id')
    .forUpdate()
    .execute();
  const events: EventDraft[] = [];
  for (const m of moves) {
    const t = targets.find((x) => x.id === m.documentId)!;
    const isReceipt = doc.doc_type === 'RC' || doc.doc_type === 'RG';
    let next = dec(t.open_balance).minus(dec(m.amount).times(direction));
    if (direction === 1 && isReceipt) {
      if (t.status !== 'final')
        throw new DomainError(
          'document_not_final',
          `${t.doc_no ?? t.id} is not a finalized document and cannot be settled.`,
        );
      if (next.lt(0))
        throw new DomainError(
          'settlement_exceeds_balance',
          `${t.doc_no} has ${t.open_balance} open; ${m.amount} cannot be settled.`,
          [],
          { documentId: t.id, openBalance: t.open_balance },
        );
    }
    if (!isReceipt && next.lt(0)) next = dec(0); // a credit note beyond what is still owed leaves nothing open
    await tx
      .updateTable('documents')
      .set({ open_balance: next.toFixed(2), paid: next.isZero(), updated_at: sql`now()` })
      .where('account_id', '=', accountId)
      .where('id', '=', t.id)
      .execute();
    if (direction === 1 && isReceipt)
      events.push({
        type: 'document.settled',
        documentId: t.id,
        data: { settlement: { receiptId: doc.id, receiptType: doc.doc_type, amount: dec(m.amount).toFixed(2) } },
      });
    if (direction === 1 && next.isZero() && !dec(t.open_balance).isZero())
      events.push({
        type: 'document.paid',
        documentId: t.id,
        data: { paidBy: { documentId: doc.id, type: doc.doc_type } },
      });
  }
  await emitEvents(tx, accountId, events);
}
