import type { Tx } from '../context.js';
import { findContactsByTaxId } from '../contacts/find-contacts-by-tax-id.js';
import { findPartner } from './find-partner.js';

/** A company as the partner programme's ClientGet shows it, whether a partner account or a customer. */
export interface ClientCompany {
  source: 'partner' | 'customer';
  taxId: string;
  name: string;
  legalName: string;
  street: string | null;
  city: string | null;
  postalCode: string | null;
  country: string;
  phone: string | null;
  email: string | null;
  iban: string | null;
}

/**
 * The company with that tax id as the account knows it: its partner (an account it created, with its own legal
 * name and IBAN), else its customer (the lowest contact id with that tax id, read for `country`), else undefined.
 */
export async function getClientByTaxId(
  tx: Tx,
  accountId: number,
  taxId: string,
  country: string | null | undefined,
): Promise<ClientCompany | undefined> {
  const partner = await findPartner(tx, accountId, taxId);
  if (partner)
    return {
      source: 'partner',
      taxId: partner.taxId,
      name: partner.tradeName ?? partner.legalName,
      legalName: partner.legalName,
      street: partner.street,
      city: partner.city,
      postalCode: partner.postalCode,
      country: partner.country,
      phone: partner.phone,
      email: partner.email,
      iban: partner.iban,
    };
  const found = await findContactsByTaxId(tx, accountId, taxId, country || 'PT');
  if (found.ids.length === 0) return undefined;
  const contact = await tx
    .selectFrom('contacts')
    .select(['tax_id', 'name', 'street', 'city', 'postal_code', 'country', 'phone', 'email'])
    .where('account_id', '=', accountId)
    .where('id', '=', found.ids[0])
    .executeTakeFirstOrThrow();
  return {
    source: 'customer',
    taxId: contact.tax_id ?? found.taxId,
    name: contact.name,
    legalName: contact.name,
    street: contact.street,
    city: contact.city,
    postalCode: contact.postal_code,
    country: contact.country,
    phone: contact.phone,
    email: contact.email,
    iban: null,
  };
}
