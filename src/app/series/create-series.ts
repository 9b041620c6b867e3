import { DomainError } from '../../domain/errors.js';
import { validateSeriesCode } from '../../domain/pt/series-code.js';
import type { Tx } from '../context.js';
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
  const issues = validateSeriesCode(code, 'code');
  if (issues.length)
    throw new DomainError('invalid_series_code', `Series identifier ${JSON.stringify(code)} is not valid.`, issues);
  if (input.kind !== undefined && !['N', 'F', 'R'].includes(input.kind))
    throw new DomainError('validation', 'Invalid series kind.', [
      { field: 'kind', issue: 'invalid', message: 'N (normal), F (training) or R (recovery).' },
    ]);
  const clash = await tx
    .selectFrom('series')
    .select('id')
    .where('account_id', '=', accountId)
    .where('code', '=', code)
    .executeTakeFirst();
  // NOTE: D8632 §1.8 — a series identifier never repeats for a taxpayer.
  if (clash)
    throw new DomainError('conflict', `Series ${code} already exists.`, [
      { field: 'code', issue: 'not_unique', message: 'The identifier is already used.' },
    ]);
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
