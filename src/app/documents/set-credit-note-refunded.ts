import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/**
 * Marks a finalized credit note as refunded to the customer, or not. Receivable documents are settled by receipts;
 * a credit note has none, so its `paid` flag records the refund. Not fiscal data (no signature field changes).
 */
export async function setCreditNoteRefunded(tx: Tx, accountId: number, id: number, refunded: boolean): Promise<void> {
  const doc = await tx
    .selectFrom('documents')
    .select(['status', 'doc_type', 'paid'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!doc) throw notFound('document', id);
  if (doc.doc_type !== 'NC')
    throw new DomainError(
      'validation',
      'Only credit notes are marked refunded; other documents are settled by receipts.',
      [{ field: 'type', issue: 'invalid', message: 'Not a credit note.' }],
    );
  if (doc.status !== 'final')
    throw new DomainError('document_not_final', 'Only a finalized credit note can be marked refunded.');
  await tx
    .updateTable('documents')
    .set({ paid: refunded, updated_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}
