import { sql } from 'kysely';
import type { Tx } from '../context.js';

/** Stock per item and store on a date (inclusive), from the movement history. */
export async function getStock(
  tx: Tx,
  accountId: number,
  filter: { itemId?: number; storeId?: number; date?: string },
) {
  let q = tx
    .selectFrom('stock_movements as m')
    .innerJoin('items as i', (j) => j.onRef('i.account_id', '=', 'm.account_id').onRef('i.id', '=', 'm.item_id'))
    .select(['m.item_id', 'm.store_id', 'i.code', 'i.description', sql<string>`sum(m.quantity)`.as('quantity')])
    .where('m.account_id', '=', accountId);
  if (filter.itemId !== undefined) q = q.where('m.item_id', '=', filter.itemId);
  if (filter.storeId !== undefined) q = q.where('m.store_id', '=', filter.storeId);
  if (filter.date) q = q.where('m.moved_on', '<=', filter.date);
  return q
    .groupBy(['m.item_id', 'm.store_id', 'i.code', 'i.description'])
    .orderBy('m.item_id')
    .orderBy('m.store_id')
    .execute();
}

export async function listStockMovements(
  tx: Tx,
  accountId: number,
  filter: { itemId?: number; storeId?: number; from?: string; to?: string },
) {
  let q = tx
    .selectFrom('stock_movements as m')
    .leftJoin('documents as d', (j) => j.onRef('d.account_id', '=', 'm.account_id').onRef('d.id', '=', 'm.document_id'))
    .select(['m.id', 'm.item_id', 'm.store_id', 'm.document_id', 'd.doc_no', 'm.quantity', 'm.moved_on'])
    .where('m.account_id', '=', accountId);
  if (filter.itemId !== undefined) q = q.where('m.item_id', '=', filter.itemId);
  if (filter.storeId !== undefined) q = q.where('m.store_id', '=', filter.storeId);
  if (filter.from) q = q.where('m.moved_on', '>=', filter.from);
  if (filter.to) q = q.where('m.moved_on', '<=', filter.to);
  return q.orderBy('m.id').execute();
}
