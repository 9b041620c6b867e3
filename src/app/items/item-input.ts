import { IssueCollector } from '../../domain/errors.js';
import { parseDecimal } from '../../domain/money/decimal.js';

export interface ItemInput {
  code?: string;
  barcode?: string | null;
  description?: string;
  longDescription?: string | null;
  productType?: 'P' | 'S' | 'O' | 'E' | 'I';
  unitId?: number | null;
  taxId?: number | null;
  purchaseTaxId?: number | null;
  costPrice?: string | number | null;
  price?: string | number;
  priceWithVat?: string | number | null;
  movesStock?: boolean;
  categoryIds?: number[];
  /** Hidden from pickers (bill.pt `visivel: 0`); still usable by id on documents. */
  archived?: boolean;
}

const PRODUCT_TYPES = ['P', 'S', 'O', 'E', 'I'];

export function itemValues(input: ItemInput, partial: boolean, path = '') {
  const c = new IssueCollector();
  const f = (n: string) => (path ? `${path}.${n}` : n);
  const out: Record<string, unknown> = {};
  if (input.code !== undefined || !partial) {
    const code = input.code?.toString().trim();
    if (!code) c.add(f('code'), 'required', 'The code (SKU) is required.');
    else if (code.length > 60) c.add(f('code'), 'too_long', 'At most 60 characters.', '60');
    else out.code = code;
  }
  if (input.description !== undefined || !partial) {
    const d = input.description?.trim();
    // NOTE: SAF-T ProductDescription is 2..200 characters.
    if (!d) c.add(f('description'), 'required', 'A description is required.');
    else if (d.length < 2) c.add(f('description'), 'too_short', 'At least 2 characters.', '2');
    else if (d.length > 200) c.add(f('description'), 'too_long', 'At most 200 characters.', '200');
    else out.description = d;
  }
  if (input.productType !== undefined) {
    if (!PRODUCT_TYPES.includes(input.productType))
      c.add(f('productType'), 'invalid', 'One of P (goods), S (services), O, E, I.');
    else out.product_type = input.productType;
  }
  for (const [k, col] of [
    ['price', 'price'],
    ['priceWithVat', 'price_with_vat'],
    ['costPrice', 'cost_price'],
  ] as const) {
    const v = input[k];
    if (v === undefined) continue;
    if (v === null) {
      if (k !== 'price') out[col] = null;
      continue;
    }
    const d = parseDecimal(v);
    if (!d || d.lt(0)) c.add(f(k), 'invalid', 'A decimal number, 0 or more.');
    else if (d.decimalPlaces() > 10) c.add(f(k), 'invalid', 'At most 10 decimals.', '10');
    else out[col] = d.toString();
  }
  for (const [k, col, max] of [
    ['barcode', 'barcode', 60],
    ['longDescription', 'long_description', 2000],
  ] as const) {
    const v = input[k];
    if (v === undefined) continue;
    const s = v === null ? null : String(v).trim() || null;
    if (s && s.length > max) c.add(f(k), 'too_long', `At most ${max} characters.`, String(max));
    else out[col] = s;
  }
  if (input.unitId !== undefined) out.unit_id = input.unitId;
  if (input.taxId !== undefined) out.tax_id = input.taxId;
  if (input.purchaseTaxId !== undefined) out.purchase_tax_id = input.purchaseTaxId;
  if (input.movesStock !== undefined) out.moves_stock = !!input.movesStock;
  if (input.categoryIds !== undefined) out.category_ids = input.categoryIds;
  if (input.archived !== undefined && input.archived !== null) out.archived = !!input.archived;
  c.throwIfAny();
  return out;
}
