import { createContact } from '../../../app/contacts/create-contact.js';
import type { ContactInput } from '../../../app/contacts/contact-input.js';
import { findContactsByTaxId } from '../../../app/contacts/find-contacts-by-tax-id.js';
import { getContact } from '../../../app/contacts/get-contact.js';
import { type ContactFilter, listContacts } from '../../../app/contacts/list-contacts.js';
import { updateContact } from '../../../app/contacts/update-contact.js';
import { BillitError } from '../billit-error.js';
import type { Call, Route } from '../context.js';
import { billitListQuery, billitPage, conjunction, unknownProperty } from '../list-query.js';
import type { BillitInput } from '../reader.js';
import { partyView } from '../views/party.js';

const TYPE = 'Domain.Party.Party';
/** Billit's parties are Belgian unless their VAT number or address says otherwise. */
const DEFAULT_COUNTRY = 'BE';

/** `BE0477472701` → BE; a VAT number without a country prefix → the address's country, else Belgium. */
function countryOf(vat: string | null | undefined, address: string | null | undefined): string {
  const m = /^\s*([A-Za-z]{2})/.exec(vat ?? '');
  if (m && !/^\d/.test((vat ?? '').trim())) return m[1]!.toUpperCase() === 'EL' ? 'GR' : m[1]!.toUpperCase();
  return (address ?? DEFAULT_COUNTRY).toUpperCase();
}

const KINDS: Record<string, ContactInput['kind']> = { customer: 'customer', supplier: 'supplier', both: 'both' };
const LANGUAGES: Record<string, ContactInput['language']> = { fr: 'fr', en: 'en', pt: 'pt' };

/** A party body (`POST`, or `PATCH` with `partial`) as the core's contact input. */
function partyInput(b: BillitInput, partial: boolean): ContactInput {
  const address = b.list('Addresses')?.[0] ?? b;
  const vat = b.text('VATNumber', 'VAT', 'VatNumber');
  const country = address.text('CountryCode', 'Country') ?? undefined;
  const out: ContactInput = {};
  const name = b.text('Name', 'DisplayName');
  if (name !== undefined || !partial) out.name = name ?? '';
  if (vat !== undefined) out.taxId = vat;
  if (vat || country || !partial) out.country = countryOf(vat, country);
  const email = b.text('Email');
  if (email !== undefined) out.email = email;
  const phone = b.text('Phone', 'Mobile');
  if (phone !== undefined) out.phone = phone;
  const nr = b.text('Nr', 'PartyNumber', 'CustomerNumber');
  if (nr) out.code = nr;
  const kind = b.text('PartyType');
  if (kind) {
    out.kind = KINDS[kind.toLowerCase()];
    if (!out.kind) b.fail('InvalidValue', `PartyType must be Customer or Supplier, not '${kind}'.`);
  } else if (!partial) out.kind = 'customer';
  const language = b.text('Language');
  if (language) out.language = LANGUAGES[language.toLowerCase()] ?? null;
  const street = [address.text('Street'), address.text('StreetNumber'), address.text('Box')].filter(Boolean).join(' ');
  if (street || address.sent('Street')) out.street = street || null;
  const zip = address.text('Zipcode', 'ZipCode', 'PostalCode');
  if (zip !== undefined) out.postalCode = zip;
  const city = address.text('City');
  if (city !== undefined) out.city = city;
  const contact = b.text('Contact', 'ContactPerson');
  if (contact !== undefined) out.contactPerson = contact;
  const comments = b.text('Comments');
  if (comments !== undefined) out.observations = comments;
  b.check();
  return out;
}

/** `$filter` on parties: PartyType, VATNumber, Name, Email, Nr (eq; Name and Email also contains). */
function partyFilter(c: Call, q: ReturnType<typeof billitListQuery>['query']): ContactFilter {
  const f: ContactFilter = {};
  const text = c.query.fullTextSearch ?? c.query.fulltextsearch ?? c.query.FullTextSearch;
  if (text?.trim()) f.text = text.trim();
  const where: NonNullable<ContactFilter['where']> = [];
  for (const cond of conjunction(q.filter, TYPE)) {
    const field = cond.field.toLowerCase();
    const value = cond.kind === 'text' ? cond.value : 'value' in cond.value ? String(cond.value.value) : '';
    const op = cond.kind === 'text' ? 'like' : cond.op === 'eq' ? 'eq' : undefined;
    if (!op)
      throw BillitError.generic(`Only 'eq' (and contains on text) can filter '${cond.field}' on type '${TYPE}'.`);
    if (field === 'partytype') {
      const kind = KINDS[value.toLowerCase()];
      if (!kind || kind === 'both') throw BillitError.generic(`PartyType is Customer or Supplier, not '${value}'.`);
      f.kind = kind;
    } else if (field === 'vatnumber') {
      where.push({ column: 'tax_id', op, value: op === 'eq' ? value.replace(/[\s.-]+/g, '').toUpperCase() : value });
    } else if (field === 'name') where.push({ column: 'name', op, value });
    else if (field === 'email') where.push({ column: 'email', op, value });
    else if (field === 'nr') where.push({ column: 'code', op, value });
    else throw unknownProperty(cond.field, TYPE);
  }
  if (where.length) f.where = where;
  const [order] = q.orderby;
  if (order) {
    const column = { name: 'name', nr: 'code', vatnumber: 'tax_id', partyid: 'id' }[order.field.toLowerCase()] as
      'name' | 'code' | 'tax_id' | 'id' | undefined;
    if (!column) throw unknownProperty(order.field, TYPE);
    f.order = { column, dir: order.dir };
  }
  return f;
}

export function registerParties(route: Route): void {
  route('GET', '/parties', {}, async (c) => {
    const { query, page } = billitListQuery(c, TYPE);
    const filter = partyFilter(c, query);
    const res = await c.tx((tx) => listContacts(tx, c.accountId, filter, page));
    return billitPage(c, '/parties', query, res.items.map(partyView), res.total);
  });

  // Upsert by VAT number: a party with the same VAT number is updated and keeps its id (Billit's answer: the id).
  route('POST', '/parties', {}, async (c) => {
    const input = partyInput(c.body, false);
    return c.tx(async (tx) => {
      if (input.taxId) {
        const found = await findContactsByTaxId(tx, c.accountId, input.taxId, input.country ?? DEFAULT_COUNTRY, {
          lock: true,
        });
        const id = found.ids[0];
        if (id !== undefined) {
          const { code: _code, ...update } = input;
          return (await updateContact(tx, c.accountId, id, update)).id;
        }
      }
      return (await createContact(tx, c.accountId, input)).id;
    });
  });

  route('GET', '/parties/:id', {}, async (c) => partyView(await c.tx((tx) => getContact(tx, c.accountId, c.id))));

  route('PATCH', '/parties/:id', {}, async (c) => {
    const input = partyInput(c.body, true);
    await c.tx((tx) => updateContact(tx, c.accountId, c.id, input));
    return undefined;
  });
}
