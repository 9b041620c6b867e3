import type { StoreInput } from '../../app/stores/store-input.js';
import { type FormBody, checked, idOrNull, optional, text } from './form.js';

export const STORE_FIELDS = [
  'name',
  'street',
  'postalCode',
  'city',
  'country',
  'defaultSeriesId',
  'allowNegativeStock',
  'isDefault',
] as const;
export type StoreFields = Record<(typeof STORE_FIELDS)[number], string>;

export function storeFieldsOf(form: FormBody): StoreFields {
  return Object.fromEntries(STORE_FIELDS.map((f) => [f, text(form, f)])) as StoreFields;
}

/**
 * The form as a store's input. The default flag is only ever set here (an account always has a default store:
 * another one is made default instead of unsetting it).
 */
export function storeInput(form: FormBody): StoreInput {
  return {
    name: text(form, 'name'),
    street: optional(form, 'street'),
    postalCode: optional(form, 'postalCode'),
    city: optional(form, 'city'),
    country: text(form, 'country') || 'PT',
    defaultSeriesId: idOrNull(form, 'defaultSeriesId'),
    allowNegativeStock: checked(form, 'allowNegativeStock'),
    isDefault: checked(form, 'isDefault') || undefined,
  };
}
