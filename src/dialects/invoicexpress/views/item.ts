import type { getItem } from '../../../app/items/get-item.js';
import { rubyFloat } from './document.js';

type Item = Awaited<ReturnType<typeof getItem>>;

export interface ItemViewContext {
  taxes: ReadonlyMap<number, { name: string; rate: string }>;
  units: ReadonlyMap<number, { name: string }>;
}

/** An item as InvoiceXpress shows it: its name is the core's code; unit_price a Ruby float string, as in documents. */
export function itemView(i: Item, ctx: ItemViewContext) {
  const tax = i.tax_id !== null ? ctx.taxes.get(i.tax_id) : undefined;
  return {
    id: i.id,
    name: i.code,
    description: i.description,
    unit_price: rubyFloat(i.price),
    unit: (i.unit_id !== null ? ctx.units.get(i.unit_id)?.name : undefined) ?? '',
    tax: tax ? { id: i.tax_id, name: tax.name, value: Number(tax.rate) } : null,
  };
}
