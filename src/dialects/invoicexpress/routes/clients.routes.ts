import { createContact } from '../../../app/contacts/create-contact.js';
import { getContact } from '../../../app/contacts/get-contact.js';
import { listContacts } from '../../../app/contacts/list-contacts.js';
import { updateContact } from '../../../app/contacts/update-contact.js';
import { getDocuments } from '../../../app/documents/get-documents.js';
import { listDocuments } from '../../../app/documents/list-documents.js';
import { pageRequest } from '../../../app/pagination.js';
import { DomainError } from '../../../domain/errors.js';
import { CLIENT_FIELDS, clientError, clientRoot, readClient } from '../client-input.js';
import { clientInvoicesFilter } from '../client-invoices-filter.js';
import type { Call, Handler, Route } from '../context.js';
import { viewContext } from '../document-reply.js';
import { IxError } from '../ix-error.js';
import { clientView } from '../views/client.js';
import { documentView } from '../views/document.js';
import { paginationView } from '../views/pagination.js';

const cfg = { ixFields: CLIENT_FIELDS };
/** InvoiceXpress's default page size (an account setting there: 10, 20 or 30). */
const PER_PAGE = 10;

const notFound = () => new IxError(404, ['Client not found']);

/** The core's refusals in InvoiceXpress's words; another account's client is unknown. */
const handle =
  (fn: Handler): Handler =>
  async (c) => {
    try {
      return await fn(c);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'not_found' && err.meta.resource === 'contact') throw notFound();
      throw clientError(err);
    }
  };

async function findOne(c: Call, by: 'name' | 'code', value: unknown) {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v) throw new IxError(422, [by === 'name' ? 'client_name is required' : 'client_code is required']);
  const page = await listContacts(
    c.db,
    c.accountId,
    by === 'code' ? { code: v } : { where: [{ column: 'name', op: 'eq', value: v }] },
    { page: 1, perPage: 1 },
  );
  const found = page.items[0];
  if (!found) throw notFound();
  return { body: { client: clientView(found) } };
}

/** InvoiceXpress clients, find-by-name, find-by-code, a client's invoices. */
export function clientRoutes(route: Route): void {
  route('GET', '/clients', cfg, async (c) => {
    const page = await listContacts(c.db, c.accountId, {}, pageRequest(c.query.page, c.query.per_page, PER_PAGE));
    return { body: { clients: page.items.map(clientView), pagination: paginationView(page) } };
  });

  route(
    'POST',
    '/clients',
    cfg,
    handle(async (c) => {
      const input = readClient(clientRoot(c.body), false);
      const row = await c.tx((tx) => createContact(tx, c.accountId, input));
      return { status: 201, body: { client: clientView(row) } };
    }),
  );

  route(
    'GET',
    '/clients/find-by-name',
    cfg,
    handle((c) => findOne(c, 'name', c.query.client_name)),
  );
  route(
    'GET',
    '/clients/find-by-code',
    cfg,
    handle((c) => findOne(c, 'code', c.query.client_code)),
  );

  route(
    'GET',
    '/clients/:id',
    cfg,
    handle(async (c) => {
      if (!c.id) throw notFound();
      return { body: { client: clientView(await getContact(c.db, c.accountId, c.id)) } };
    }),
  );

  route(
    'PUT',
    '/clients/:id',
    cfg,
    handle(async (c) => {
      if (!c.id) throw notFound();
      const input = readClient(clientRoot(c.body), true);
      const row = await c.tx((tx) => updateContact(tx, c.accountId, c.id, input));
      return { body: { client: clientView(row) } };
    }),
  );

  // InvoiceXpress documents POST (the filters travel in the body); GET is accepted too, with filters in the query.
  const invoices: Handler = handle(async (c) => {
    if (!c.id) throw notFound();
    await getContact(c.db, c.accountId, c.id);
    const filterIn = c.body.raw('filter');
    const filter = clientInvoicesFilter(
      filterIn && typeof filterIn === 'object' ? (filterIn as Record<string, unknown>) : {},
      c.query,
    );
    const req = pageRequest(c.query.page, c.query.per_page, PER_PAGE);
    if (!filter)
      return {
        body: {
          invoices: [],
          pagination: { current_page: req.page, total_pages: 1, total_entries: 0, per_page: req.perPage },
        },
      };
    const page = await listDocuments(c.db, c.accountId, { ...filter, contactId: c.id }, req);
    const ctx = await viewContext(c);
    const views = (
      await getDocuments(
        c.db,
        c.accountId,
        page.items.map((d) => d.id),
      )
    ).map((v) => documentView(v, ctx));
    return { body: { invoices: views, pagination: paginationView(page) } };
  });
  route('POST', '/clients/:id/invoices', cfg, invoices);
  route('GET', '/clients/:id/invoices', cfg, invoices);
}
