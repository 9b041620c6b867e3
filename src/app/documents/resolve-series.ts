import { DomainError } from '../../domain/errors.js';
import type { AccountConfig } from '../accounts/account-config.js';

/** The series and store of a document: explicit ids, else the store's default series, else the account's default. */
export function resolveSeriesAndStore(config: AccountConfig, seriesId?: number | null, storeId?: number | null) {
  const store = config.stores.find((s) => (storeId != null ? s.id === Number(storeId) : s.is_default));
  if (storeId != null && !store)
    throw new DomainError(
      'not_found',
      `Store ${storeId} does not exist.`,
      [{ field: 'storeId', issue: 'unknown', message: 'Not found in this account.' }],
      { resource: 'store' },
    );
  const wanted = seriesId ?? store?.default_series_id ?? null;
  const series = config.series.find((s) => (wanted !== null ? s.id === Number(wanted) : s.is_default));
  if (!series)
    throw new DomainError(
      'not_found',
      seriesId != null ? `Series ${seriesId} does not exist.` : 'The account has no default series.',
      [{ field: 'seriesId', issue: 'unknown', message: 'Not found in this account.' }],
      { resource: 'series' },
    );
  if (series.status !== 'active')
    throw new DomainError('series_inactive', `Series ${series.code} is finalized and cannot be used.`);
  return { series, store: store ?? null };
}
