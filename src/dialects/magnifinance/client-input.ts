import type { ContactInput } from '../../app/contacts/contact-input.js';
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
    country: client.str('CountryCode')?.toUpperCase(),
    phone: client.str('PhoneNumber'),
    email: client.str('Email'),
  };
  const given = Object.values(input).some((v) => v !== undefined);
  if (!given) return null;
  // A customer is named: a Client with only a NIF takes the NIF as its name until the account renames it.
  if (!input.name && input.taxId) input.name = input.taxId;
  return input;
}
