import type { Tx } from '../context.js';
import type { Item } from '../../infra/db/schema.js';
import { type Page, type PageRequest, paginate } from '../pagination.js';

/** Columns a caller may filter items by. */
export const ITEM_FILTER_COLUMNS = [
  'code',
  'barcode',
  'description',
  'long_description',
  'product_type',
  'unit_id',
  'tax_id',
  'purchase_tax_id',
  'cost_price',
  'price',
  'moves_stock',
] as const;
export type ItemFilterColumn = (typeof ITEM_FILTER_COLUMNS)[number];

export interface ItemFilter {
  text?: string;
  code?: string;
  barcode?: string;
  categoryId?: number;
  /** Only archived (true) or only active (false) items; both when absent. */
  archived?: boolean;
  /** Per-column conditions, all of which must hold. */
  where?: { column: ItemFilterColumn; op: 'eq' | 'ne' | 'like'; value: string | number | boolean }[];
}

const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export async function listItems(tx: Tx, accountId: number, filter: ItemFilter, page: PageRequest): Promise<Page<Item>> {
  let q = tx.selectFrom('items').where('account_id', '=', accountId);
  if (filter.code) q = q.where('code', '=', filter.code);
  if (filter.barcode) q = q.where('barcode', '=', filter.barcode);
  if (filter.archived !== undefined) q = q.where('archived', '=', filter.archived);
  if (filter.categoryId) q = q.where((eb) => eb(eb.val(filter.categoryId), '=', eb.fn.any('category_ids')));
  if (filter.text) {
    const like = escapeLike(filter.text);
    q = q.where((eb) =>
      eb.or([eb('description', 'ilike', like), eb('code', 'ilike', like), eb('barcode', 'ilike', like)]),
    );
  }
  for (const w of filter.where ?? []) {
    if (!(ITEM_FILTER_COLUMNS as readonly string[]).includes(w.column)) continue;
    if (w.op === 'like')
      q = q.where((eb) => eb(eb.cast(eb.ref(w.column), 'text'), 'ilike', escapeLike(String(w.value))));
    else q = q.where(w.column, w.op === 'ne' ? 'is distinct from' : '=', w.value as never);
  }
  return paginate(q.selectAll().orderBy('id'), q, page);
}
