import { sql } from 'kysely';
import type { Tx } from '../context.js';
import { type Page, type PageRequest, paginate } from '../pagination.js';

export interface StockFilter {
  itemIds?: number[];
  storeIds?: number[];
  /** Movements up to this day (inclusive). */
  until?: string;
}

export interface LedgerRow {
  id: number;
  store_id: number;
  item_id: number;
  document_id: number;
  line_id: number;
  /** Signed: positive in, negative out. */
  quantity: string;
  moved_on: string;
  created_at: string;
  /** Stock of the item in the store after this movement. */
  balance: string;
}

/** The movements with the running stock of their (item, store) after each one. */
function ledger(tx: Tx, accountId: number, f: StockFilter) {
  return tx
    .selectFrom('stock_movements as m')
    .select([
      'm.id',
      'm.store_id',
      'm.item_id',
      'm.document_id',
      'm.line_id',
      'm.quantity',
      'm.moved_on',
      'm.created_at',
      sql<string>`sum(m.quantity) over (partition by m.item_id, m.store_id order by m.moved_on, m.id)`.as('balance'),
    ])
    .where('m.account_id', '=', accountId)
    .$if(!!f.itemIds?.length, (q) => q.where('m.item_id', 'in', f.itemIds!))
    .$if(!!f.storeIds?.length, (q) => q.where('m.store_id', 'in', f.storeIds!))
    .$if(!!f.until, (q) => q.where('m.moved_on', '<=', f.until!));
}

/** Stock movements in the order they happened, each with the balance it left. */
export async function listStockLedger(
  tx: Tx,
  accountId: number,
  f: StockFilter,
  page: PageRequest,
): Promise<Page<LedgerRow>> {
  const base = tx.selectFrom(ledger(tx, accountId, f).as('w'));
  return paginate(base.selectAll('w').orderBy('w.moved_on').orderBy('w.id') as never, base as never, page) as Promise<
    Page<LedgerRow>
  >;
}

/** The last movement of each (item, store) up to the day, carrying the stock at that point. */
export async function listStockSnapshot(
  tx: Tx,
  accountId: number,
  f: StockFilter,
  page: PageRequest,
): Promise<Page<LedgerRow>> {
  const latest = tx
    .selectFrom(ledger(tx, accountId, f).as('w'))
    .selectAll('w')
    .distinctOn(['w.item_id', 'w.store_id'])
    .orderBy('w.item_id')
    .orderBy('w.store_id')
    .orderBy('w.moved_on', 'desc')
    .orderBy('w.id', 'desc');
  const items = await tx
    .selectFrom(latest.as('s'))
    .selectAll('s')
    .orderBy('s.item_id')
    .orderBy('s.store_id')
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage)
    .execute();
  const count = await tx
    .selectFrom(latest.as('s'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  const total = Number(count?.n ?? 0);
  return {
    items: items as LedgerRow[],
    total,
    page: page.page,
    perPage: page.perPage,
    totalPages: Math.max(1, Math.ceil(total / page.perPage)),
  };
}
