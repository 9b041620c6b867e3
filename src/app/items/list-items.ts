import type { Tx } from '../context.js';
import type { Item } from '../../infra/db/schema.js';
import { type Page, type PageRequest, paginate } from '../pagination.js';

export interface ItemFilter { text?: string; code?: string; barcode?: string; categoryId?: number }

export async function listItems(tx: Tx, accountId: number, filter: ItemFilter, page: PageRequest): Promise<Page<Item>> {
  let q = tx.selectFrom('items').where('account_id', '=', accountId);
  if (filter.code) q = q.where('code', '=', filter.code);
  if (filter.barcode) q = q.where('barcode', '=', filter.barcode);
  if (filter.categoryId) q = q.where((eb) => eb(eb.val(filter.categoryId), '=', eb.fn.any('category_ids')));
  if (filter.text) {
    const like = `%${filter.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('description', 'ilike', like), eb('code', 'ilike', like), eb('barcode', 'ilike', like)]));
  }
  return paginate(q.selectAll().orderBy('id'), q, page);
}
