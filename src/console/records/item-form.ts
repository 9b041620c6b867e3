import type { ItemInput } from '../../app/items/item-input.js';
import { type FormBody, idOrNull, text } from './form.js';

export const ITEM_FIELDS = ['code', 'description', 'unitId', 'price', 'taxId', 'productType'] as const;
export type ItemFields = Record<(typeof ITEM_FIELDS)[number], string>;

/** SAF-T ProductType: goods, services, other, excise duties, taxes and levies. */
export const PRODUCT_TYPES = ['P', 'S', 'O', 'E', 'I'] as const;

export function itemFieldsOf(form: FormBody): ItemFields {
  return Object.fromEntries(ITEM_FIELDS.map((f) => [f, text(form, f)])) as ItemFields;
}

/** The form as an item's input; a price typed with a decimal comma (12,50) is read as 12.50. */
export function itemInput(form: FormBody): ItemInput {
  const price = text(form, 'price').replace(/\s/g, '');
  const type = text(form, 'productType') || 'P';
  return {
    code: text(form, 'code'),
    description: text(form, 'description'),
    unitId: idOrNull(form, 'unitId'),
    taxId: idOrNull(form, 'taxId'),
    price: /^\d+,\d+$/.test(price) ? price.replace(',', '.') : price || '0',
    productType: type as ItemInput['productType'],
  };
}
