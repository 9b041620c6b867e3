import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { clearOtherDefaults } from '../reference/clear-other-defaults.js';

/**
 * Changes what may change on a series: description, price mode, default flag, and finalizing it
 * (a finalized series is blocked for new documents, never deleted — D8632 §1.9).
 */
export async function updateSeries(
  tx: Tx,
  accountId: number,
  id: number,
  input: { description?: string; vatIncluded?: boolean; isDefault?: boolean; status?: 'active' | 'finalized' },
) {
  const current = await tx
    .selectFrom('series')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) throw notFound('series', id);
  if (input.status !== undefined && !['active', 'finalized'].includes(input.status))
    throw new DomainError('validation', 'Invalid status.', [
      { field: 'status', issue: 'invalid', message: 'active or finalized.' },
    ]);
  if (current.status === 'finalized' && input.status === 'active')
    throw new DomainError('series_inactive', 'A finalized series cannot be reopened.');
  const values: Record<string, unknown> = {};
  if (input.description !== undefined) values.description = String(input.description).trim();
  if (input.vatIncluded !== undefined) values.vat_included = !!input.vatIncluded;
  if (input.status !== undefined) values.status = input.status;
  if (input.isDefault) {
    await clearOtherDefaults(tx, accountId, 'series');
    values.is_default = true;
  }
  if (!Object.keys(values).length) return current;
  if (input.status === 'finalized' && current.status === 'active') {
    // Issuers in flight hold these rows until they commit; later ones wait for this change and then find the
    // series closed (migration 0010), so the last numbers read after this commit are final.
    await tx
      .selectFrom('series_doc_types')
      .select('doc_type')
      .where('account_id', '=', accountId)
      .where('series_id', '=', id)
      .forUpdate()
      .execute();
  }
  return tx
    .updateTable('series')
    .set(values as never)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
