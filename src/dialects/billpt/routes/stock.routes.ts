import { getItem } from '../../../app/items/get-item.js';
import {
  listStockLedger,
  listStockSnapshot,
  type LedgerRow,
  type StockFilter,
} from '../../../app/stock/stock-ledger.js';
import { listStores } from '../../../app/stores/list-stores.js';
import { lisbonDate } from '../../../domain/time.js';
import { dec } from '../../../domain/money/decimal.js';
import { BillptError } from '../billpt-error.js';
import type { Call, Route } from '../context.js';
import { dayOf, fixed, jsonNumber, laravelPage, lisbonStamp, microtime } from '../format.js';
import { readPage } from '../search.js';
import { itemBase } from '../views/items.js';

type Item = Awaited<ReturnType<typeof getItem>>;

/** `data_stock` (Y-m-d H:i:s, default now in mainland Portugal), `lojas` and `itens`. */
function stockFilter(c: Call): StockFilter {
  const until = dayOf(c.input.text('data_stock', 'data')) ?? lisbonDate(c.ctx.now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) c.input.issues.push('9.data_stock');
  return { until, storeIds: c.input.ids('lojas', 'loja_id'), itemIds: c.input.ids('itens', 'items', 'item_id') };
}

/** When the movement happened: its day, at the time it was recorded. */
const movedAt = (r: LedgerRow) => `${r.moved_on} ${(lisbonStamp(r.created_at) ?? '').slice(11) || '00:00:00'}`;

/** A movement as `stock/singular` and `stock/movimentos` show it: quantities as strings with 6 places. */
function movementJson(accountId: number, r: LedgerRow) {
  const q = dec(r.quantity);
  return {
    id: r.id,
    empresa_id: accountId,
    loja_id: r.store_id,
    item_id: r.item_id,
    lancamento_id: r.line_id,
    quantidade_saida: fixed(q.lt(0) ? q.neg().toString() : 0, 6),
    quantidade_entrada: fixed(q.gt(0) ? q.toString() : 0, 6),
    stock: fixed(r.balance, 6),
    data_movimento: movedAt(r),
    microtime: microtime(r.created_at).toFixed(6),
    created_at: lisbonStamp(r.created_at),
    updated_at: lisbonStamp(r.created_at),
  };
}

export function stockRoutes(route: Route): void {
  // Stock per item and store at a moment: the last movement of each, with the stock it left (numbers).
  route('GET', '/stock', {}, async (c) => {
    const filter = stockFilter(c);
    const page = readPage(c.input, 50);
    c.input.check();
    const result = await listStockSnapshot(c.db, c.accountId, filter, page);
    const items = new Map<number, Item>();
    for (const id of new Set(result.items.map((r) => r.item_id))) items.set(id, await getItem(c.db, c.accountId, id));
    return laravelPage(
      c.request,
      result,
      result.items.map((r) => {
        const q = dec(r.quantity);
        return {
          id: r.id,
          loja_id: r.store_id,
          item_id: r.item_id,
          lancamento_id: r.line_id,
          quantidade_saida: jsonNumber(q.lt(0) ? q.neg().toString() : 0),
          quantidade_entrada: jsonNumber(q.gt(0) ? q.toString() : 0),
          stock: jsonNumber(r.balance),
          data_movimento: movedAt(r),
          microtime: Number(microtime(r.created_at).toFixed(4)),
          item: itemBase(items.get(r.item_id)!, true),
        };
      }),
    );
  });

  // The stock of one item in one store.
  route('GET', '/stock/singular', {}, async (c) => {
    const filter = stockFilter(c);
    c.input.require('item_id', 'item');
    const itemId = c.input.id('item_id', 'item');
    const storeId = c.input.id('loja_id', 'loja', 'armazem_id');
    c.input.check();
    await getItem(c.db, c.accountId, itemId ?? 0);
    const stores = await listStores(c.db, c.accountId);
    const store = storeId ? stores.find((s) => s.id === storeId) : stores.find((s) => s.is_default);
    if (!store) throw new BillptError(404, ['247']);
    const result = await listStockSnapshot(
      c.db,
      c.accountId,
      { until: filter.until, itemIds: [itemId!], storeIds: [store.id] },
      { page: 1, perPage: 1 },
    );
    const row = result.items[0];
    if (row) return movementJson(c.accountId, row);
    return {
      id: null,
      empresa_id: c.accountId,
      loja_id: store.id,
      item_id: itemId,
      lancamento_id: null,
      quantidade_saida: fixed(0, 6),
      quantidade_entrada: fixed(0, 6),
      stock: fixed(0, 6),
      data_movimento: null,
      microtime: fixed(0, 6),
      created_at: null,
      updated_at: null,
    };
  });

  route('GET', '/stock/movimentos', {}, async (c) => {
    const filter = stockFilter(c);
    const page = readPage(c.input, 50);
    c.input.check();
    const result = await listStockLedger(c.db, c.accountId, filter, page);
    return laravelPage(
      c.request,
      result,
      result.items.map((r) => movementJson(c.accountId, r)),
    );
  });
}
