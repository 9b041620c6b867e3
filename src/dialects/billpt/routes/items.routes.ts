import { createItem } from '../../../app/items/create-item.js';
import { deleteItem } from '../../../app/items/delete-item.js';
import { getItem } from '../../../app/items/get-item.js';
import { type ItemFilter, listItems } from '../../../app/items/list-items.js';
import { updateItem } from '../../../app/items/update-item.js';
import { CATALOGS } from '../../../app/reference/catalogs.js';
import { listCatalog } from '../../../app/reference/list-catalog.js';
import { usedAmong } from '../../../app/reference/used-ids.js';
import { listTaxes } from '../../../app/taxes/list-taxes.js';
import { DomainError } from '../../../domain/errors.js';
import { parseDecimal } from '../../../domain/money/decimal.js';
import { BillptError } from '../billpt-error.js';
import type { Call, Route } from '../context.js';
import { ITEM_FIELDS } from '../field-names.js';
import { emptyPage, laravelPage } from '../format.js';
import { isBoolean, isTrue, readPage, readSearch } from '../search.js';
import { categoriesOf, itemBase, itemCreatedJson, itemInput, itemListJson } from '../views/items.js';
import { taxJson, unitJson } from '../views/reference.js';

type Item = Awaited<ReturnType<typeof getItem>>;

const cfg = { billptFields: ITEM_FIELDS };
type Named = { id: number; name: string };
type Unit = Named & { symbol: string; is_default: boolean };

const EXACT = [
  'unidade_medida_id',
  'ProductCategory',
  'visivel',
  'movimenta_stock',
  'imposto_id',
  'preco_custo',
  'servico',
  'codigo',
  'codigo_barras',
];
const LIKE: Record<string, 'code' | 'barcode' | 'description'> = {
  codigo: 'code',
  codigo_barras: 'barcode',
  descricao: 'description',
};

async function categories(c: Call, i: Item): Promise<Named[]> {
  return i.category_ids.length
    ? ((await listCatalog(c.db, c.accountId, CATALOGS.itemCategories)) as unknown as Named[])
    : [];
}

async function itemDetail(c: Call, i: Item) {
  const used = await usedAmong(c.db, c.accountId, 'items', [i.id]);
  const units = (await listCatalog(c.db, c.accountId, CATALOGS.units)) as unknown as Unit[];
  const unit = units.find((u) => u.id === i.unit_id);
  const tax = (await listTaxes(c.db, c.accountId)).find((t) => t.id === i.tax_id);
  const usedUnit = unit ? await usedAmong(c.db, c.accountId, 'units', [unit.id]) : new Set<number>();
  return {
    ...itemBase(i, used.has(i.id)),
    categorias: categoriesOf(i, await categories(c, i)),
    unidade_medida: unit ? unitJson(unit, usedUnit.has(unit.id)) : null,
    imposto: tax ? taxJson(tax, true) : null,
    originario: [],
    precos: itemListJson(i, false).precos,
  };
}

export function itemRoutes(route: Route): void {
  route('GET', '/items', cfg, async (c) => {
    const search = readSearch(c.input, { exact: EXACT, like: Object.keys(LIKE) });
    const page = readPage(c.input, 20);
    c.input.check();
    const filter: ItemFilter = { where: [] };
    let none = false;
    for (const [field, value] of search.exact) {
      switch (field) {
        case 'unidade_medida_id':
        case 'imposto_id':
          if (!/^\d{1,15}$/.test(value)) throw new BillptError(422, [`7.pesquisa.${field}`]);
          filter.where!.push({ column: field === 'imposto_id' ? 'tax_id' : 'unit_id', op: 'eq', value: Number(value) });
          break;
        case 'preco_custo':
          if (!parseDecimal(value)) throw new BillptError(422, ['10.pesquisa.preco_custo']);
          filter.where!.push({ column: 'cost_price', op: 'eq', value });
          break;
        case 'movimenta_stock':
        case 'servico':
        case 'visivel':
          if (!isBoolean(value)) throw new BillptError(422, [`5.pesquisa.${field}`]);
          if (field === 'movimenta_stock')
            filter.where!.push({ column: 'moves_stock', op: 'eq', value: isTrue(value) });
          else if (field === 'servico')
            filter.where!.push({ column: 'product_type', op: isTrue(value) ? 'eq' : 'ne', value: 'S' });
          else filter.archived = !isTrue(value);
          break;
        // Every item reads as category M (the core keeps no inventory category).
        case 'ProductCategory':
          if (value.toUpperCase() !== 'M') none = true;
          break;
        case 'codigo':
          filter.where!.push({ column: 'code', op: 'eq', value });
          break;
        case 'codigo_barras':
          filter.where!.push({ column: 'barcode', op: 'eq', value });
          break;
      }
    }
    for (const [field, value] of search.like) filter.where!.push({ column: LIKE[field], op: 'like', value });
    const result = none ? emptyPage(page.perPage) : await listItems(c.db, c.accountId, filter, page);
    const used = await usedAmong(
      c.db,
      c.accountId,
      'items',
      result.items.map((x) => x.id),
    );
    return laravelPage(
      c.request,
      result,
      result.items.map((x) => itemListJson(x, used.has(x.id))),
    );
  });

  route('GET', '/items/:id', cfg, async (c) => itemDetail(c, await getItem(c.db, c.accountId, c.id)));

  route('POST', '/items', cfg, async (c) => {
    const input = itemInput(c.input);
    c.input.check();
    const item = await c.tx((tx) => createItem(tx, c.accountId, input, '', { autoCode: true }));
    return itemCreatedJson(item, false, await categories(c, item));
  });

  route('PATCH', '/items/:id', cfg, async (c) => {
    const input = itemInput(c.input);
    c.input.check();
    const item = await c.tx((tx) => updateItem(tx, c.accountId, c.id, input));
    const used = await usedAmong(c.db, c.accountId, 'items', [item.id]);
    return itemCreatedJson(item, used.has(item.id), await categories(c, item));
  });

  route('DELETE', '/items/:id', cfg, async (c) => {
    // bill.pt answers an item that is not the caller's with 291 (whether another account's or none at all: the
    // answer does not tell which ids exist elsewhere).
    await c
      .tx((tx) => deleteItem(tx, c.accountId, c.id))
      .catch((err: unknown) => {
        if (err instanceof DomainError && err.code === 'not_found') throw new BillptError(404, ['291'], err.message);
        throw err;
      });
    return c.reply.status(204).send();
  });
}
