import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { assertSeriesCode, assertSeriesCodeFree } from './check-series-code.js';
import { clearOtherDefaults } from '../reference/clear-other-defaults.js';

export interface SeriesInput {
  code?: string;
  description?: string;
  kind?: 'N' | 'F' | 'R';
  vatIncluded?: boolean;
  isDefault?: boolean;
  storeId?: number | null;
}

export async function createSeries(tx: Tx, accountId: number, input: SeriesInput) {
  const code = (input.code ?? '').trim();
  assertSeriesCode(code);
  if (input.kind !== undefined && !['N', 'F', 'R'].includes(input.kind))
    throw new DomainError('validation', 'Invalid series kind.', [
      { field: 'kind', issue: 'invalid', message: 'N (normal), F (training) or R (recovery).' },
    ]);
  await assertSeriesCodeFree(tx, accountId, code);
  if (input.isDefault) await clearOtherDefaults(tx, accountId, 'series');
  const row = await tx
    .insertInto('series')
    .values({
      account_id: accountId,
      code,
      description: input.description?.trim() ?? '',
      kind: input.kind ?? 'N',
      vat_included: !!input.vatIncluded,
      is_default: !!input.isDefault,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (input.storeId != null) {
    const res = await tx
      .updateTable('stores')
      .set({ default_series_id: row.id })
      .where('account_id', '=', accountId)
      .where('id', '=', Number(input.storeId))
      .executeTakeFirst();
    if (!res.numUpdatedRows)
      throw new DomainError(
        'not_found',
        `Store ${input.storeId} does not exist.`,
        [{ field: 'storeId', issue: 'unknown', message: 'Not found in this account.' }],
        { resource: 'store' },
      );
  }
  return row;
}
