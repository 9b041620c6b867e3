import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

export async function listSeries(tx: Tx, accountId: number) {
  const series = await tx.selectFrom('series').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
  const types = await tx.selectFrom('series_doc_types').selectAll().where('account_id', '=', accountId).execute();
  return series.map((s) => ({ ...s, docTypes: types.filter((t) => t.series_id === s.id) }));
}

export async function getSeries(tx: Tx, accountId: number, id: number) {
  const all = await listSeries(tx, accountId);
  const s = all.find((x) => x.id === id);
  if (!s) throw notFound('series', id);
  return s;
}
