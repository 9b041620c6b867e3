import type { getContact } from '../../../app/contacts/get-contact.js';

type Contact = Awaited<ReturnType<typeof getContact>>;
import { billitDateTime } from '../dates.js';

/** A contact as Billit's party: customers and suppliers (a contact that is both reads as a Customer). */
export function partyView(p: Contact) {
  return {
    PartyID: p.id,
    PartyType: p.kind === 'supplier' ? 'Supplier' : 'Customer',
    Nr: p.code,
    Name: p.name,
    VATNumber: p.tax_id,
    VATLiable: !!p.tax_id,
    Email: p.email,
    Phone: p.phone,
    Language: p.language ? p.language.toUpperCase() : null,
    Contact: p.contact_person,
    Addresses: [
      {
        AddressType: 'InvoiceAddress',
        Name: p.name,
        Street: p.street,
        Zipcode: p.postal_code,
        City: p.city,
        CountryCode: p.country,
      },
    ],
    Comments: p.observations,
    CreatedDate: billitDateTime(p.created_at),
    LastModified: billitDateTime(p.updated_at),
  };
}
