import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** The internal note is never printed, so it may change on any document, finalized or not. */
export async function setInternalNote(
  tx: Tx,
  accountId: number,
  documentId: number,
  note: string | null,
): Promise<void> {
  const value = note === null ? null : String(note).trim() || null;
  if (value && value.length > 5000)
    throw new DomainError('validation', 'The note is too long.', [
      { field: 'internalNote', issue: 'too_long', message: 'At most 5000 characters.', value: '5000' },
    ]);
  const res = await tx
    .updateTable('documents')
    .set({ internal_note: value, updated_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!res.numUpdatedRows) throw notFound('document', documentId);
}
