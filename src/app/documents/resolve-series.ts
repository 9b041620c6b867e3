import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** The series and store of a document: explicit ids, else the store's default series, else the account's default. */
export async function resolveSeriesAndStore(tx: Tx, accountId: number, seriesId?: number | null, storeId?: number | null) {
  const store = await tx.selectFrom('stores').selectAll().where('account_id', '=', accountId)
    .$if(storeId != null, (q) => q.where('id', '=', Number(storeId)))
    .$if(storeId == null, (q) => q.where('is_default', '=', true))
    .executeTakeFirst();
  if (storeId != null && !store) throw new DomainError('not_found', `Store ${storeId} does not exist.`, [{ field: 'storeId', issue: 'unknown', message: 'Not found in this account.' }], { resource: 'store' });
  const wanted = seriesId ?? store?.default_series_id ?? null;
  const series = await tx.selectFrom('series').selectAll().where('account_id', '=', accountId)
    .$if(wanted !== null, (q) => q.where('id', '=', Number(wanted)))
    .$if(wanted === null, (q) => q.where('is_default', '=', true))
    .executeTakeFirst();
  if (!series) throw new DomainError('not_found', seriesId != null ? `Series ${seriesId} does not exist.` : 'The account has no default series.', [{ field: 'seriesId', issue: 'unknown', message: 'Not found in this account.' }], { resource: 'series' });
  if (series.status !== 'active') throw new DomainError('series_inactive', `Series ${series.code} is finalized and cannot be used.`);
  return { series, store: store ?? null };
}
