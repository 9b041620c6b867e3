import { Decimal, round2 } from '../../../domain/money/decimal.js';
import type { getItem } from '../../../app/items/get-item.js';
import { billitDateTime } from '../dates.js';

type Item = Awaited<ReturnType<typeof getItem>>;

export interface ProductRefs {
  /** VAT rate (percent, as text) by tax id. */
  rates: Map<number, string>;
  /** Unit symbol by unit id. */
  units: Map<number, string>;
}

/** An item as Billit's product; amounts as JSON numbers (Billit's own), computed with decimal.js. */
export function productView(p: Item, refs: ProductRefs) {
  const rate = p.tax_id === null ? undefined : refs.rates.get(p.tax_id);
  const excl = new Decimal(p.price);
  return {
    ProductID: p.id,
    Reference: p.code,
    Description: p.description,
    DescriptionExtended: p.long_description,
    AmountExcl: excl.toNumber(),
    AmountIncl: rate === undefined ? null : round2(excl.mul(new Decimal(rate).div(100).plus(1))).toNumber(),
    VAT: rate === undefined ? null : new Decimal(rate).toNumber(),
    Unit: p.unit_id === null ? null : (refs.units.get(p.unit_id) ?? null),
    EAN: p.barcode,
    IsActive: !p.archived,
    LastModified: billitDateTime(p.updated_at),
  };
}
