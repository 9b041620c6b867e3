import type { ContactInput } from '../../app/contacts/contact-input.js';
import { type FormBody, optional, text } from './form.js';

/** The fields of the customer form, as typed (shown again when the form is refused). */
export const CUSTOMER_FIELDS = [
  'name',
  'taxId',
  'country',
  'street',
  'postalCode',
  'city',
  'email',
  'phone',
  'code',
] as const;
export type CustomerFields = Record<(typeof CUSTOMER_FIELDS)[number], string>;

export function customerFieldsOf(form: FormBody): CustomerFields {
  return Object.fromEntries(CUSTOMER_FIELDS.map((f) => [f, text(form, f)])) as CustomerFields;
}

/**
 * The form as a contact's input. A new customer left without a code gets one (its id); an existing one keeps its
 * code unless another is typed.
 */
export function customerInput(form: FormBody, creating: boolean): ContactInput {
  const code = text(form, 'code');
  return {
    kind: creating ? 'customer' : undefined,
    name: text(form, 'name'),
    taxId: optional(form, 'taxId'),
    country: text(form, 'country').toUpperCase() || 'PT',
    street: optional(form, 'street'),
    postalCode: optional(form, 'postalCode'),
    city: optional(form, 'city'),
    email: optional(form, 'email'),
    phone: optional(form, 'phone'),
    code: code || undefined,
  };
}
