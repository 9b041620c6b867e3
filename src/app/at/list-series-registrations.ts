import type { Tx } from '../context.js';

/** A series' registrations with AT: one per document type and environment, with the validation code AT gave. */
export async function listSeriesRegistrations(tx: Tx, accountId: number, seriesId: number) {
  return tx
    .selectFrom('at_series_registrations')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('series_id', '=', seriesId)
    .execute();
}
