import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTransaction } from '../../app/context.js';
import { createContact } from '../../app/contacts/create-contact.js';
import { deleteContact } from '../../app/contacts/delete-contact.js';
import { getContact } from '../../app/contacts/get-contact.js';
import { listContacts } from '../../app/contacts/list-contacts.js';
import { updateContact } from '../../app/contacts/update-contact.js';
import type { Services } from '../../server/services.js';
import { ctxOf } from '../../http/kit/request-context.js';
import { requireScope } from '../shell/require-scope.js';
import { customerFieldsOf, customerInput, type CustomerFields } from './customer-form.js';
import { type FormErrors, listQuery, noErrors, routeId } from './form.js';
import { canWrite, doneOf } from './page-state.js';
import { createRoute, deleteRecord, type RecordForm, updateRoute } from './record-routes.js';

type Contact = Awaited<ReturnType<typeof getContact>>;

const fieldsOfContact = (c: Contact): CustomerFields => ({
  name: c.name,
  taxId: c.tax_id ?? '',
  country: c.country,
  street: c.street ?? '',
  postalCode: c.postal_code ?? '',
  city: c.city ?? '',
  email: c.email ?? '',
  phone: c.phone ?? '',
  code: c.code,
});

/** Customers: a searchable, paged list; a form to create one; its page to edit or delete it. */
export async function customerRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;

  const showForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    data: { customer: Contact | null; values: CustomerFields; errors?: FormErrors; status?: number },
  ) =>
    reply.page(
      'records/views/customer',
      {
        customer: data.customer,
        values: data.values,
        errors: data.errors ?? noErrors(),
        canWrite: canWrite(request),
        done: doneOf(request),
      },
      { status: data.status ?? 200, title: data.customer ? 'records.customers.edit' : 'records.customers.new' },
    );

  app.get('/customers', async (request, reply) => {
    requireScope(request, 'read');
    const { q, page, perPage } = listQuery(request.query);
    const result = await listContacts(
      db,
      ctxOf(request).accountId,
      { text: q || undefined, kind: 'customer' },
      {
        page,
        perPage,
      },
    );
    return reply.page(
      'records/views/customers',
      { q, result, canWrite: canWrite(request), done: doneOf(request) },
      { title: 'records.customers.title' },
    );
  });

  app.get('/customers/new', async (request, reply) => {
    requireScope(request, 'issue');
    return showForm(request, reply, { customer: null, values: customerFieldsOf({ country: 'PT' }) });
  });

  const spec: RecordForm<Contact, CustomerFields> = {
    base: '/customers',
    resource: 'contact',
    fieldsOf: customerFieldsOf,
    show: (request, reply, customer, values, errors, status) =>
      showForm(request, reply, { customer, values, errors, status }),
  };
  createRoute(app, db, spec, (tx, accountId, form) => createContact(tx, accountId, customerInput(form, true)));

  app.get('/customers/:id', async (request, reply) => {
    requireScope(request, 'read');
    const c = await getContact(db, ctxOf(request).accountId, routeId(request.params, 'contact'));
    return showForm(request, reply, { customer: c, values: fieldsOfContact(c) });
  });

  updateRoute(
    app,
    db,
    spec,
    (accountId, id) => getContact(db, accountId, id),
    (tx, accountId, id, form) => updateContact(tx, accountId, id, customerInput(form, false)),
  );

  app.post('/customers/:id/delete', async (request, reply) => {
    requireScope(request, 'issue');
    const accountId = ctxOf(request).accountId;
    const id = routeId(request.params, 'contact');
    const current = await getContact(db, accountId, id);
    return deleteRecord(
      reply,
      () => inTransaction(db, (tx) => deleteContact(tx, accountId, id)),
      '/console/customers?done=deleted',
      'records.customers.inUse',
      (errors, status) =>
        showForm(request, reply, { customer: current, values: fieldsOfContact(current), errors, status }),
    );
  });
}
