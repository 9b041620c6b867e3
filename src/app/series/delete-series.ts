import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** NOTE: D8632 §1.9 — a series that has been used is never deleted (finalize it instead). */
export async function deleteSeries(tx: Tx, accountId: number, id: number): Promise<void> {
  const s = await tx
    .selectFrom('series')
    .select(['id', 'is_default'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!s) throw notFound('series', id);
  const used = await tx
    .selectFrom('documents')
    .select('id')
    .where('account_id', '=', accountId)
    .where('series_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  if (used) throw new DomainError('in_use', 'The series has been used and can never be deleted; finalize it instead.');
  if (s.is_default) throw new DomainError('in_use', 'The default series cannot be deleted.');
  // AT keeps a registered series active whatever we do here; deleting it would only lose its validation code.
  const registered = await tx
    .selectFrom('series_doc_types')
    .select('doc_type')
    .where('account_id', '=', accountId)
    .where('series_id', '=', id)
    .where('validation_code', 'is not', null)
    .execute();
  if (registered.length > 0) {
    const types = registered.map((r) => r.doc_type).join(', ');
    throw new DomainError(
      'in_use',
      `The series is registered at AT for ${types}: annul each registration at AT first (POST /v1/series/${id}/annul-at), then delete it.`,
    );
  }
  await tx
    .updateTable('stores')
    .set({ default_series_id: null })
    .where('account_id', '=', accountId)
    .where('default_series_id', '=', id)
    .execute();
  await tx.deleteFrom('series_doc_types').where('account_id', '=', accountId).where('series_id', '=', id).execute();
  await tx.deleteFrom('series').where('account_id', '=', accountId).where('id', '=', id).execute();
}
