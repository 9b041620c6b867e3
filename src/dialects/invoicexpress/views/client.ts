import type { getContact } from '../../../app/contacts/get-contact.js';
import { englishName } from '../countries.js';

type Contact = Awaited<ReturnType<typeof getContact>>;

/**
 * A client as InvoiceXpress shows it. Fax, send options, a default exemption code and the preferred contact's
 * e-mail and phone have no place in the core's contacts: they read as empty (send_options "1", original only).
 */
export function clientView(c: Contact) {
  return {
    id: c.id,
    name: c.name,
    code: c.code,
    email: c.email ?? '',
    language: c.language ?? null,
    address: c.street ?? '',
    city: c.city ?? '',
    postal_code: c.postal_code ?? '',
    country: englishName(c.country) ?? c.country,
    fiscal_id: c.tax_id ?? '',
    website: c.website ?? '',
    phone: c.phone ?? '',
    fax: '',
    preferred_contact: { name: c.contact_person ?? '', email: '', phone: '' },
    observations: c.observations ?? '',
    send_options: '1',
    payment_days: c.payment_terms_days,
    tax_exemption_code: null,
  };
}
