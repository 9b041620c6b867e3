import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** Sets the account-defined workflow state of a document (pending, accepted…); null clears it. Not fiscal data. */
export async function setDocumentState(
  tx: Tx,
  accountId: number,
  documentId: number,
  stateId: number | null,
): Promise<void> {
  if (stateId !== null) {
    const state = await tx
      .selectFrom('document_states')
      .select('id')
      .where('account_id', '=', accountId)
      .where('id', '=', stateId)
      .executeTakeFirst();
    if (!state)
      throw new DomainError(
        'not_found',
        `Document state ${stateId} does not exist.`,
        [{ field: 'stateId', issue: 'unknown', message: 'Not found in this account.' }],
        { resource: 'document state' },
      );
  }
  const res = await tx
    .updateTable('documents')
    .set({ state_id: stateId, updated_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!res.numUpdatedRows) throw notFound('document', documentId);
}
