import { CONSUMIDOR_FINAL_NIF } from '../../domain/pt/nif.js';
import type { Tx } from '../../app/context.js';
import type { SaftScope } from '../../app/saft/saft-scope.js';
import { type SaftCustomerRow, listSaftCustomers } from '../../app/saft/list-saft-customers.js';
import { UNKNOWN, addressStructure, unknownAddress } from './address.js';
import type { SaftWriter } from './writer.js';
import { type XmlRecord, element, key, text, textOr } from './xml.js';

/**
 * A Customer master record. NOTE: P302 2.2.1–2.2.7 — the generic customer is "Consumidor final" with NIF
 * 999999990 and every address part "Desconhecido"; AccountID is "Desconhecido" (no general ledger here);
 * CustomerTaxID without country prefix; a named customer without NIF keeps its name with 999999990.
 */
export function customerRecord(c: SaftCustomerRow): XmlRecord {
  const taxId = text(c.tax_id, 30) ?? CONSUMIDOR_FINAL_NIF;
  const generic = c.is_final_consumer;
  return {
    CustomerID: key(c.code),
    AccountID: UNKNOWN,
    CustomerTaxID: taxId.startsWith('PT') && c.country === 'PT' ? taxId.slice(2) : taxId,
    CompanyName: generic ? 'Consumidor final' : textOr(c.name, 100, 'Consumidor final'),
    Contact: generic ? undefined : text(c.contact_person, 50),
    BillingAddress: generic
      ? unknownAddress()
      : addressStructure({ street: c.street, city: c.city, postalCode: c.postal_code, country: c.country }, true),
    Telephone: generic ? undefined : text(c.phone, 20),
    Email: generic ? undefined : text(c.email, 254),
    Website: generic ? undefined : text(c.website, 60),
    SelfBillingIndicator: '0',
  };
}

/** Streams the Customer records, a page at a time. */
export async function writeCustomers(
  w: SaftWriter,
  tx: Tx,
  accountId: number,
  scope: SaftScope,
  pageSize: number,
): Promise<number> {
  let after: number | null = null;
  let n = 0;
  for (;;) {
    const page = await listSaftCustomers(tx, accountId, scope, after, pageSize);
    await w.records(page, (c) => element('Customer', customerRecord(c)));
    n += page.length;
    if (page.length < pageSize) return n;
    after = page[page.length - 1].id;
  }
}
