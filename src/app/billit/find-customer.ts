import { validateTaxId } from '../../domain/pt/nif.js';
import type { Tx } from '../context.js';

/** What a Billit order says of its customer, to find an existing contact by. */
export interface CustomerKeys {
  vatNumber?: string | null;
  email?: string | null;
  /** The street line as the contact keeps it (street, number and box joined), with its city and country. */
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
  /** The customer number (Billit's `Nr`): the contact's code. */
  number?: string | null;
}

/**
 * The contact of the account a Billit order means, found in Billit's order (seed 004): by VAT number, then e-mail,
 * then address (street, city and country, compared without case), then customer number; undefined when none
 * matches (the order then creates it).
 */
export async function findCustomer(tx: Tx, accountId: number, k: CustomerKeys): Promise<number | undefined> {
  const base = tx.selectFrom('contacts').select('id').where('account_id', '=', accountId).orderBy('id').limit(1);
  if (k.vatNumber?.trim()) {
    const raw = k.vatNumber.trim();
    const country = (k.country ?? raw.slice(0, 2)).toUpperCase();
    const v = validateTaxId(raw, /^[A-Z]{2}$/.test(country) ? country : 'BE');
    const candidates = [...new Set([v.valid ? v.normalized : raw, raw, raw.replace(/[\s.]/g, '')])];
    const row = await base.where('tax_id', 'in', candidates).executeTakeFirst();
    if (row) return row.id;
  }
  if (k.email?.trim()) {
    const row = await base
      .where((eb) => eb.fn('lower', ['email']), '=', k.email.trim().toLowerCase())
      .executeTakeFirst();
    if (row) return row.id;
  }
  if (k.street?.trim() && k.city?.trim()) {
    let q = base
      .where((eb) => eb.fn('lower', ['street']), '=', k.street.trim().toLowerCase())
      .where((eb) => eb.fn('lower', ['city']), '=', k.city.trim().toLowerCase());
    if (k.country?.trim()) q = q.where('country', '=', k.country.trim().toUpperCase());
    const row = await q.executeTakeFirst();
    if (row) return row.id;
  }
  if (k.number?.trim()) {
    const row = await base.where('code', '=', k.number.trim()).executeTakeFirst();
    if (row) return row.id;
  }
  return undefined;
}
