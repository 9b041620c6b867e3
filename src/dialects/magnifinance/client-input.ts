import type { ContactInput } from '../../app/contacts/contact-input.js';
import { countryOf } from './operations/country.js';
import type { MfReader } from './reader.js';

/**
 * `Client{NIF, Name, LegalName, Address, City, PostCode, CountryCode, PhoneNumber, Email, …}` as the core's inline
 * customer: found by NIF (then e-mail) or created (resolveCustomer). No Client, or one without any value, is the
 * final consumer. IBAN and CountryName have no place on a customer and are not kept.
 */
export function clientInput(client: MfReader | undefined): ContactInput | null {
  if (!client) return null;
  const input: ContactInput = {
    taxId: client.str('NIF', 'TaxId', 'VatNumber'),
    name: client.str('LegalName') ?? client.str('Name'),
    street: client.str('Address'),
    city: client.str('City'),
    postalCode: client.str('PostCode', 'PostalCode'),
    // A code in any case or a country's name (`Portugal`); anything else is a ValidationError on the field.
    country: client.str('CountryCode') === undefined ? undefined : countryOf(client, 'CountryCode'),
    phone: client.str('PhoneNumber'),
    email: client.str('Email'),
  };
  const given = Object.values(input).some((v) => v !== undefined);
  if (!given) return null;
  // A customer is named: a Client with only a NIF takes the NIF as its name until the account renames it.
  if (!input.name && input.taxId) input.name = input.taxId;
  return input;
}
