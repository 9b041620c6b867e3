import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { clearOtherDefaults } from '../reference/clear-other-defaults.js';
import { assertSeriesCode, assertSeriesCodeFree } from './check-series-code.js';

/**
 * Changes what may change on a series: its identifier while it is unused, description, price mode, default flag,
 * and finalizing it (a finalized series is blocked for new documents, never deleted — D8632 §1.9).
 */
export async function updateSeries(
  tx: Tx,
  accountId: number,
  id: number,
  input: {
    code?: string;
    description?: string;
    vatIncluded?: boolean;
    isDefault?: boolean;
    status?: 'active' | 'finalized';
  },
) {
  const current = await tx
    .selectFrom('series')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound('series', id);
  if (input.status !== undefined && !['active', 'finalized'].includes(input.status))
    throw new DomainError('validation', 'Invalid status.', [
      { field: 'status', issue: 'invalid', message: 'active or finalized.' },
    ]);
  if (current.status === 'finalized' && input.status === 'active')
    throw new DomainError('series_inactive', 'A finalized series cannot be reopened.');
  const values: Record<string, unknown> = {};
  const code = input.code?.trim();
  if (code !== undefined && code !== current.code) {
    await renameCheck(tx, accountId, id, code);
    values.code = code;
  }
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

/**
 * A new identifier for a series: valid, not another series' one, and only while the series is unused.
 * NOTE: D8632 §1.9 and Portaria 195/2020 art. 2.º — the identifier is in every document number and ATCUD, and AT
 * knows a registered series by it: once the series has numbered a document or has an AT validation code, it keeps
 * its identifier (a mistaken registration is annulled at AT and a new series created instead).
 */
async function renameCheck(tx: Tx, accountId: number, id: number, code: string): Promise<void> {
  assertSeriesCode(code);
  // Issuers hold these rows while they number a document: a rename waits for them and then sees their documents.
  const counters = await tx
    .selectFrom('series_doc_types')
    .select(['last_number', 'validation_code'])
    .where('account_id', '=', accountId)
    .where('series_id', '=', id)
    .forUpdate()
    .execute();
  const numbered = await tx
    .selectFrom('documents')
    .select('id')
    .where('account_id', '=', accountId)
    .where('series_id', '=', id)
    .where('number', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  if (numbered || counters.some((c) => c.last_number > 0 || c.validation_code !== null))
    throw new DomainError(
      'in_use',
      'A series that has numbered documents or is registered at AT keeps its identifier.',
      [{ field: 'code', issue: 'locked', message: 'The series is used or registered at AT.' }],
      { reason: 'series_used' },
    );
  await assertSeriesCodeFree(tx, accountId, code, id);
}
