import { createContact } from '../../../app/contacts/create-contact.js';
import type { ContactInput } from '../../../app/contacts/contact-input.js';
import { deleteContact } from '../../../app/contacts/delete-contact.js';
import { findContactsByTaxId } from '../../../app/contacts/find-contacts-by-tax-id.js';
import { getContact } from '../../../app/contacts/get-contact.js';
import { type ContactFilter, type ContactFilterColumn, listContacts } from '../../../app/contacts/list-contacts.js';
import { updateContact } from '../../../app/contacts/update-contact.js';
import { CATALOGS } from '../../../app/reference/catalogs.js';
import { listCatalog } from '../../../app/reference/list-catalog.js';
import { usedAmong } from '../../../app/reference/used-ids.js';
import { CONSUMIDOR_FINAL_NIF } from '../../../domain/pt/nif.js';
import type { DbTx } from '../../../http/kit/define-dialect.js';
import { BillptError } from '../billpt-error.js';
import type { Call, Route } from '../context.js';
import { CONTACT_FIELDS } from '../field-names.js';
import { emptyPage, laravelPage } from '../format.js';
import { isBoolean, isTrue, readPage, readSearch } from '../search.js';
import { contactDetailJson, contactInput, contactJson } from '../views/contacts.js';

type Contact = Awaited<ReturnType<typeof getContact>>;

const cfg = { billptFields: CONTACT_FIELDS };

/** bill.pt search fields of contacts → core columns. */
const EXACT: Record<string, ContactFilterColumn | null> = {
  email: 'email',
  morada: 'street',
  codigo_postal: 'postal_code',
  cidade: 'city',
  pais: 'country',
  site: 'website',
  telefone_contacto: 'phone',
  observacoes: 'observations',
  prazo_vencimento: 'payment_terms_days',
  retencao: 'withholding',
  nome: 'name',
  codigo: 'code',
  nif: 'tax_id',
  lingua_padrao_documentos: 'language',
  activar_alerta: null,
  visivel: null,
};
const LIKE: Record<string, ContactFilterColumn> = {
  nome: 'name',
  codigo: 'code',
  nif: 'tax_id',
  pessoa_contacto: 'contact_person',
  email: 'email',
  morada: 'street',
  cidade: 'city',
};
const ORDER: Record<string, ContactFilterColumn | 'id'> = {
  id: 'id',
  nome: 'name',
  codigo: 'code',
  nif: 'tax_id',
  email: 'email',
  cidade: 'city',
};

/**
 * bill.pt refuses a NIF another contact of the account already has (253), except the final consumer's 999999990.
 * The check holds a lock on (account, NIF) until the transaction ends, so two concurrent writes cannot both pass.
 */
async function refuseDuplicateNif(tx: DbTx, accountId: number, input: ContactInput, self?: Contact): Promise<void> {
  if (input.taxId === undefined || input.taxId === null || String(input.taxId).trim() === '') return;
  const country = input.country ?? self?.country ?? 'PT';
  const found = await findContactsByTaxId(tx, accountId, String(input.taxId), country, { lock: true });
  if (found.taxId === CONSUMIDOR_FINAL_NIF) return;
  if (found.ids.some((id) => id !== self?.id)) throw new BillptError(422, ['253']);
}

export async function contactDetail(c: Call, contact: Contact) {
  const used = await usedAmong(c.db, c.accountId, 'contacts', [contact.id]);
  const types = contact.type_ids.length
    ? ((await listCatalog(c.db, c.accountId, CATALOGS.contactTypes)) as unknown as { id: number; name: string }[])
    : [];
  return contactDetailJson(contact, used.has(contact.id), types);
}

export function contactRoutes(route: Route): void {
  route('GET', '/contatos', cfg, async (c) => {
    const search = readSearch(c.input, {
      exact: Object.keys(EXACT),
      like: Object.keys(LIKE),
      order: Object.keys(ORDER),
    });
    const page = readPage(c.input, 20);
    c.input.check();
    const filter: ContactFilter = { where: [] };
    let none = false;
    for (const [field, value] of search.exact) {
      const column = EXACT[field];
      if (field === 'prazo_vencimento' && !/^\d{1,9}$/.test(value))
        throw new BillptError(422, ['7.pesquisa.prazo_vencimento']);
      if ((field === 'retencao' || column === null) && !isBoolean(value))
        throw new BillptError(422, [`5.pesquisa.${field}`]);
      if (field === 'visivel') {
        filter.archived = !isTrue(value);
        continue;
      }
      // Not kept by the core: no contact has alerts on.
      if (column === null) {
        if (isTrue(value)) none = true;
        continue;
      }
      if (column === 'email') {
        filter.email = value;
        continue;
      }
      filter.where!.push({
        column,
        op: 'eq',
        value: field === 'retencao' ? isTrue(value) : field === 'prazo_vencimento' ? Number(value) : value,
      });
    }
    for (const [field, value] of search.like) filter.where!.push({ column: LIKE[field], op: 'like', value });
    if (search.order.length) filter.order = { column: ORDER[search.order[0][0]], dir: search.order[0][1] };
    const result = none ? emptyPage(page.perPage) : await listContacts(c.db, c.accountId, filter, page);
    const used = await usedAmong(
      c.db,
      c.accountId,
      'contacts',
      result.items.map((x) => x.id),
    );
    return laravelPage(
      c.request,
      result,
      result.items.map((x) => contactJson(x, used.has(x.id))),
    );
  });

  route('GET', '/contatos/:id', cfg, async (c) => contactDetail(c, await getContact(c.db, c.accountId, c.id)));

  route('POST', '/contatos', cfg, async (c) => {
    const input = contactInput(c.input);
    c.input.check();
    const contact = await c.tx(async (tx) => {
      await refuseDuplicateNif(tx, c.accountId, input);
      return createContact(tx, c.accountId, input);
    });
    return contactDetail(c, contact);
  });

  route('PATCH', '/contatos/:id', cfg, async (c) => {
    const input = contactInput(c.input);
    c.input.check();
    const contact = await c.tx(async (tx) => {
      await refuseDuplicateNif(tx, c.accountId, input, await getContact(tx, c.accountId, c.id));
      return updateContact(tx, c.accountId, c.id, input);
    });
    return contactDetail(c, contact);
  });

  route('DELETE', '/contatos/:id', cfg, async (c) => {
    await c.tx((tx) => deleteContact(tx, c.accountId, c.id));
    return c.reply.status(204).send();
  });
}
