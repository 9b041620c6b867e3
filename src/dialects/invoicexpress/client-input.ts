import type { ContactInput } from '../../app/contacts/contact-input.js';
import { DomainError } from '../../domain/errors.js';
import { countryCode } from './countries.js';
import { IxError } from './ix-error.js';
import type { IxInput } from './input.js';
import { isContactEmail } from '../../domain/email/contact-email.js';

const LANGUAGES = ['pt', 'en', 'fr'];

/** The `client` root of a body (`{"client":{…}}`, or `<client>…</client>` in XML). */
export function clientRoot(body: IxInput): IxInput {
  const root = body.sub('client');
  if (!root) throw new IxError(422, ['The client element is missing']);
  return root;
}

/**
 * A `client` body in the core's terms, with InvoiceXpress's messages; only the fields sent (for updates).
 * fax, send_options, tax_exemption_code and the preferred contact's e-mail and phone are accepted and not kept:
 * the core's contacts have no place for them.
 */
export function readClient(i: IxInput, partial: boolean): ContactInput {
  const out: ContactInput = {};
  const name = i.text('name');
  if (name !== undefined || !partial) {
    if (!name?.trim()) i.invalid("Name can't be blank");
    else out.name = name.trim();
  }
  const code = i.text('code');
  if (code !== undefined) {
    if (code === null && !partial) {
      /* the core gives the client its id as code */
    } else if (code === null) i.invalid("Code can't be blank");
    else out.code = code.trim();
  }
  const email = i.text('email');
  if (email !== undefined) {
    if (email && !isContactEmail(email.trim())) i.invalid('email must be an email address');
    else out.email = email?.trim() ?? null;
  }
  const country = i.text('country');
  if (country) {
    const iso = countryCode(country);
    if (!iso) i.invalid(`Country ${country} was not found`);
    else out.country = iso;
  }
  const language = i.text('language');
  if (language !== undefined) {
    const l = language?.trim().toLowerCase() ?? null;
    if (l !== null && !LANGUAGES.includes(l))
      i.invalid(`Language ${language} is not included in the list (pt, en, fr)`);
    else out.language = l as ContactInput['language'];
  }
  const days = i.int('payment_days');
  if (days !== undefined) {
    if (days < 0) i.invalid('Payment days must be greater than or equal to 0');
    else out.paymentTermsDays = days;
  }
  for (const [key, field] of [
    ['address', 'street'],
    ['city', 'city'],
    ['postal_code', 'postalCode'],
    ['fiscal_id', 'taxId'],
    ['website', 'website'],
    ['phone', 'phone'],
    ['observations', 'observations'],
  ] as const) {
    const v = i.text(key);
    if (v !== undefined) out[field] = v?.trim() ?? null;
  }
  const contact = i.sub('preferred_contact', 'prefered_contact');
  const person = contact?.text('name');
  if (person !== undefined) out.contactPerson = person;
  for (const ignored of ['fax', 'send_options', 'tax_exemption_code']) i.raw(ignored);
  i.check();
  return out;
}

/** The core's refusals of a client, in InvoiceXpress's words; other errors pass through. */
export function clientError(err: unknown): unknown {
  if (!(err instanceof DomainError)) return err;
  const field = err.details[0]?.field ?? '';
  switch (err.code) {
    case 'conflict':
      return field.endsWith('code') ? new IxError(422, ['Code has already been taken']) : err;
    case 'invalid_tax_id':
      return new IxError(422, [`Fiscal ID ${err.details[0]?.value ?? ''} is not valid`.replace('  ', ' ')]);
    case 'invalid_postal_code':
      return new IxError(422, ['Postal code is invalid: Portuguese postal codes are NNNN-NNN (or NNNN)']);
    case 'contact_tax_id_locked':
      return new IxError(422, [
        field === 'name'
          ? "Name can't be changed: the client has no fiscal ID and has issued documents"
          : "Fiscal ID can't be changed: the client has issued documents",
      ]);
    default:
      return err;
  }
}

/** Field names of the core's contact errors as a client body names them. */
export const CLIENT_FIELDS: Record<string, string> = {
  street: 'address',
  postalCode: 'postal_code',
  taxId: 'fiscal_id',
  contactPerson: 'preferred_contact',
  paymentTermsDays: 'payment_days',
};
