import type { Tx } from '../context.js';

export async function listSeries(tx: Tx, accountId: number) {
  const series = await tx.selectFrom('series').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
  const types = await tx.selectFrom('series_doc_types').selectAll().where('account_id', '=', accountId).execute();
  return series.map((s) => ({ ...s, docTypes: types.filter((t) => t.series_id === s.id) }));
}
