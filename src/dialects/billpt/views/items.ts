import type { ItemInput } from '../../../app/items/item-input.js';
import type { getItem } from '../../../app/items/get-item.js';
import { fixed, flag, jsonNumber, lisbonStamp, numericIfInteger } from '../format.js';
import type { Input } from '../input.js';

type Item = Awaited<ReturnType<typeof getItem>>;

/**
 * bill.pt's ProductCategory is the SAF-T inventory category (M goods, P raw materials, A finished, S by-products,
 * T work in progress); the core keeps no inventory category, so items read as M. `servico` is the core's
 * product type S.
 */
const PRODUCT_CATEGORIES = ['M', 'P', 'A', 'S', 'T'];

/** The core keeps one sale price (and its VAT-included twin): bill.pt's first price. */
function prices(i: Item) {
  if (Number(i.price) === 0 && i.price_with_vat === null) return [];
  return [
    {
      preco_nome: 'Preço 1',
      preco_sem_iva: fixed(i.price, 2),
      preco_com_iva: i.price_with_vat === null ? null : fixed(i.price_with_vat, 2),
    },
  ];
}

/** The fields every item representation shares; codes are numbers in lists when they are plain integers. */
export function itemBase(i: Item, used: boolean, numeric = true) {
  const n = numeric ? numericIfInteger : (s: string | null) => s ?? '';
  return {
    id: i.id,
    codigo: n(i.code),
    codigo_barras: n(i.barcode),
    descricao: i.description,
    imposto_id: i.tax_id,
    unidade_medida_id: i.unit_id,
    ProductCategory: 'M',
    preco_custo: jsonNumber(i.cost_price),
    visivel: flag(!i.archived),
    usado: flag(used),
    servico: flag(i.product_type === 'S'),
    movimenta_stock: flag(i.moves_stock),
    observacoes: i.long_description ?? '',
    iva_compra: i.purchase_tax_id,
  };
}

/** With the account and timestamps, as items nested in pending movements show. */
export function itemLong(accountId: number, i: Item, used: boolean) {
  const b = itemBase(i, used, false);
  const { observacoes, iva_compra, ...head } = b;
  return {
    ...head,
    empresa_id: accountId,
    created_at: lisbonStamp(i.created_at),
    updated_at: lisbonStamp(i.updated_at),
    observacoes,
    iva_compra,
  };
}

export const itemListJson = (i: Item, used: boolean) => ({ ...itemBase(i, used), precos: prices(i) });

export function categoriesOf(i: Item, categories: { id: number; name: string; archived?: boolean }[]) {
  return i.category_ids
    .map((id) => categories.find((c) => c.id === Number(id)))
    .filter((c): c is { id: number; name: string; archived?: boolean } => !!c)
    .map((c) => ({ id: c.id, nome: c.name, visivel: flag(!c.archived), pivot: { item_id: i.id, categoria_id: c.id } }));
}

export const itemCreatedJson = (i: Item, used: boolean, categories: { id: number; name: string }[]) => ({
  ...itemBase(i, used),
  categorias: categoriesOf(i, categories),
  originario: [],
  precos: prices(i),
});

/** bill.pt item fields → the core's (`visivel` is `archived` inverted); `lojas` is accepted and not kept. */
export function itemInput(i: Input, opts: { descriptionKeys?: string[] } = {}): ItemInput {
  i.ids('lojas');
  const visible = i.bool('visivel');
  const category = i.text('ProductCategory', 'product_category');
  if (category && !PRODUCT_CATEGORIES.includes(category.toUpperCase()))
    i.issues.push(`9.${i.key('ProductCategory', 'product_category')}`);
  const service = i.bool('servico');
  const out: ItemInput = {
    description: i.text(...(opts.descriptionKeys ?? ['descricao', 'nome'])) as string | undefined,
    code: i.text('codigo', 'código') as string | undefined,
    barcode: i.text('codigo_barras'),
    unitId: i.id('unidade_medida_id'),
    taxId: i.id('imposto_id'),
    purchaseTaxId: i.id('iva_compra'),
    longDescription: i.text('observacoes'),
    movesStock: i.bool('movimenta_stock'),
    productType: service === undefined ? undefined : service ? 'S' : 'P',
    costPrice: i.decimal('preco_custo'),
    categoryIds: i.ids('categorias'),
    archived: visible === undefined ? undefined : !visible,
  };
  const precos = i.list('precos');
  if (precos?.length) {
    out.price = precos[0].decimal('preco_sem_iva', 'preco');
    out.priceWithVat = precos[0].decimal('preco_com_iva');
    i.issues.push(...precos.flatMap((p) => p.issues));
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as ItemInput;
}
