import { DomainError, notFound } from '../../domain/errors.js';
import { validateTaxId } from '../../domain/pt/nif.js';
import { WritesNeeded, type Tx } from '../context.js';
import type { Contact } from '../../infra/db/schema.js';
import type { ContactInput } from './contact-input.js';
import { createContact } from './create-contact.js';

/**
 * The customer of a create request: an id; or an inline contact found by code, then tax id, then e-mail,
 * or created; or, with neither, the built-in final consumer. All four vendor APIs behave this way.
 * With `readOnly`, throws `WritesNeeded` instead of creating. An inline customer without a country is of
 * `defaultCountry` when given (the seller's: a Belgian account's customers are Belgian unless said otherwise).
 */
export async function resolveCustomer(
  tx: Tx,
  accountId: number,
  contactId: number | null | undefined,
  inline: (ContactInput & { id?: number | null }) | null | undefined,
  readOnly = false,
  defaultCountry?: string,
): Promise<Contact> {
  const id = contactId ?? inline?.id ?? null;
  const base = tx.selectFrom('contacts').selectAll().where('account_id', '=', accountId);
  if (id !== null) {
    const row = await base.where('id', '=', Number(id)).executeTakeFirst();
    if (!row)
      throw new DomainError(
        'not_found',
        `Contact ${id} does not exist.`,
        [{ field: 'contactId', issue: 'unknown', message: 'Not found in this account.' }],
        { resource: 'contact' },
      );
    return row;
  }
  if (!inline || Object.values(inline).every((v) => v === undefined || v === null || v === '')) {
    const fc = await base.where('is_final_consumer', '=', true).executeTakeFirst();
    if (!fc) throw notFound('final consumer contact');
    return fc;
  }
  if (defaultCountry && !inline.country) inline = { ...inline, country: defaultCountry };
  if (inline.code) {
    const row = await base.where('code', '=', String(inline.code).trim()).executeTakeFirst();
    if (row) return row;
  }
  if (inline.taxId) {
    const v = validateTaxId(String(inline.taxId), (inline.country ?? 'PT').toUpperCase());
    const row = await base
      .where('tax_id', '=', v.valid ? v.normalized : String(inline.taxId).trim())
      .orderBy('id')
      .executeTakeFirst();
    if (row) return row;
  }
  if (inline.email) {
    const row = await base
      .where((eb) => eb.fn('lower', ['email']), '=', inline.email.trim().toLowerCase())
      .orderBy('id')
      .executeTakeFirst();
    if (row) return row;
  }
  if (readOnly) throw new WritesNeeded('customer');
  return createContact(tx, accountId, inline, 'customer');
}
