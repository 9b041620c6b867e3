import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { listSeries } from './list-series.js';

export async function getSeries(tx: Tx, accountId: number, id: number) {
  const all = await listSeries(tx, accountId);
  const s = all.find((x) => x.id === id);
  if (!s) throw notFound('series', id);
  return s;
}
