import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** Only drafts can be deleted: they have no number, so nothing gaps. */
export async function deleteDraft(tx: Tx, accountId: number, id: number): Promise<void> {
  const doc = await tx
    .selectFrom('documents')
    .select(['status'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!doc) throw notFound('document', id);
  if (doc.status !== 'draft')
    throw new DomainError('document_not_deletable', 'Only drafts can be deleted; cancel a finalized document instead.');
  await tx.deleteFrom('documents').where('account_id', '=', accountId).where('id', '=', id).execute();
}
