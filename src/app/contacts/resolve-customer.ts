import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import { validateTaxId } from '../../domain/pt/nif.js';
import { WritesNeeded, type Tx } from '../context.js';
import type { Contact } from '../../infra/db/schema.js';
import { coalescedReads } from '../../infra/db/coalesced-reads.js';
import { precompiled } from '../../infra/db/precompiled.js';
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
  const base = () => tx.selectFrom('contacts').selectAll().where('account_id', '=', accountId);
  if (id !== null) {
    const [row] = await contactById(tx, { accountId, value: Number(id) });
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
    const fc = await base().where('is_final_consumer', '=', true).executeTakeFirst();
    if (!fc) throw notFound('final consumer contact');
    return fc;
  }
  if (defaultCountry && !inline.country) inline = { ...inline, country: defaultCountry };
  const taxId = inline.taxId ? normalizedTaxId(String(inline.taxId), inline.country) : null;
  // NOTE: the customer's tax id is printed on the document and reported in SAF-T (Portaria 302/2016, 2.2.3; CIVA
  // art. 36.º 5 b)): a contact found by code or e-mail never replaces the tax id the request gave.
  if (inline.code) {
    const code = String(inline.code).trim();
    const row = await base().where('code', '=', code).orderBy('id').executeTakeFirst();
    if (row && taxId && row.tax_id !== taxId)
      throw new DomainError('validation', `Customer code ${code} belongs to a customer with another tax id.`, [
        {
          field: 'customer.taxId',
          issue: 'conflict',
          message: `The customer with code ${code} has tax id ${row.tax_id ?? '(none)'}, not ${taxId}: use its tax id or another code.`,
        },
      ]);
    if (row) return row;
  }
  if (taxId) {
    const [row] = await contactByTaxId(tx, { accountId, value: taxId });
    if (row) return row;
  }
  if (inline.email) {
    let byEmail = base().where((eb) => eb.fn('lower', ['email']), '=', inline.email.trim().toLowerCase());
    // An e-mail is shared by several taxpayers (an accountant's, a group's): with a tax id, it only finds that one.
    if (taxId) byEmail = byEmail.where('tax_id', '=', taxId);
    const row = await byEmail.orderBy('id').executeTakeFirst();
    if (row) return row;
  }
  if (readOnly) throw new WritesNeeded('customer');
  return createContact(tx, accountId, inline, 'customer');
}

// The lookups of every create that names its customer by id or tax id, built and compiled once; concurrent
// requests' lookups share a statement (each request is handed only the rows of its own account and value).
function contactBy<C extends 'id' | 'tax_id'>(column: C) {
  const many = precompiled((qb, accountIds: number[], values: NonNullable<Contact[C]>[]) =>
    qb
      .selectFrom('contacts')
      .selectAll()
      .where('account_id', '=', sql<number>`any(${accountIds})`)
      .where(column, '=', sql<never>`any(${values})`)
      .orderBy('id'),
  );
  return coalescedReads({
    idOf: (k: { accountId: number; value: NonNullable<Contact[C]> }) => `${k.accountId}:${k.value}`,
    rowId: (row: Contact) => `${row.account_id}:${row[column]}`,
    readMany: async (db, keys) =>
      (
        await many(
          db,
          keys.map((k) => k.accountId),
          keys.map((k) => k.value),
        )
      ).rows,
  });
}
const contactById = contactBy('id');
const contactByTaxId = contactBy('tax_id');

function normalizedTaxId(raw: string, country: string | null | undefined): string {
  const v = validateTaxId(raw, (country ?? 'PT').toUpperCase());
  return v.valid ? v.normalized : raw.trim();
}
