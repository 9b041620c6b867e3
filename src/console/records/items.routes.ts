import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTransaction } from '../../app/context.js';
import { createItem } from '../../app/items/create-item.js';
import { deleteItem } from '../../app/items/delete-item.js';
import { getItem } from '../../app/items/get-item.js';
import { listItems } from '../../app/items/list-items.js';
import { updateItem } from '../../app/items/update-item.js';
import { CATALOGS } from '../../app/reference/catalogs.js';
import { listCatalog } from '../../app/reference/list-catalog.js';
import { listTaxes } from '../../app/taxes/list-taxes.js';
import { trimDecimal } from '../../domain/money/trim.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { requireScope } from '../shell/require-scope.js';
import { type FormErrors, listQuery, noErrors, routeId } from './form.js';
import { type ItemFields, PRODUCT_TYPES, itemFieldsOf, itemInput } from './item-form.js';
import { canWrite, doneOf } from './page-state.js';
import { createRoute, deleteRecord, type RecordForm, updateRoute } from './record-routes.js';

type Item = Awaited<ReturnType<typeof getItem>>;

const fieldsOfItem = (i: Item): ItemFields => ({
  code: i.code,
  description: i.description,
  unitId: i.unit_id ? String(i.unit_id) : '',
  price: trimDecimal(i.price),
  taxId: i.tax_id ? String(i.tax_id) : '',
  productType: i.product_type,
});

/** Items: a searchable, paged list; a form to create one; its page to edit or delete it. */
export async function itemRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;

  /** The choices of the form's selects: the account's units and tax rates. */
  const choices = async (accountId: number) => {
    const [units, taxes] = await Promise.all([listCatalog(db, accountId, CATALOGS.units), listTaxes(db, accountId)]);
    return {
      units: units.map((u) => ({ value: String(u.id), label: `${u.name} (${u.symbol})` })),
      taxes: taxes.map((t) => ({ value: String(t.id), label: `${t.name} — ${Number(t.rate)} % (${t.region})` })),
      taxNames: Object.fromEntries(taxes.map((t) => [t.id, t.name])),
    };
  };

  const showForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    data: { item: Item | null; values: ItemFields; errors?: FormErrors; status?: number },
  ) =>
    reply.page(
      'records/views/item',
      {
        item: data.item,
        values: data.values,
        errors: data.errors ?? noErrors(),
        choices: await choices(ctxOf(request).accountId),
        productTypes: PRODUCT_TYPES,
        canWrite: canWrite(request),
        done: doneOf(request),
      },
      { status: data.status ?? 200, title: data.item ? 'records.items.edit' : 'records.items.new' },
    );

  app.get('/items', async (request, reply) => {
    requireScope(request, 'read');
    const accountId = ctxOf(request).accountId;
    const { q, page, perPage } = listQuery(request.query);
    const result = await listItems(db, accountId, { text: q || undefined }, { page, perPage });
    const { taxNames } = await choices(accountId);
    return reply.page(
      'records/views/items',
      { q, result, taxNames, canWrite: canWrite(request), done: doneOf(request) },
      { title: 'records.items.title' },
    );
  });

  app.get('/items/new', async (request, reply) => {
    requireScope(request, 'issue');
    const { taxes } = await choices(ctxOf(request).accountId);
    const values = itemFieldsOf({ productType: 'P', price: '0', taxId: taxes[0]?.value ?? '' });
    return showForm(request, reply, { item: null, values });
  });

  const spec: RecordForm<Item, ItemFields> = {
    base: '/items',
    resource: 'item',
    fieldsOf: itemFieldsOf,
    show: (request, reply, item, values, errors, status) => showForm(request, reply, { item, values, errors, status }),
  };
  createRoute(app, db, spec, (tx, accountId, form) => createItem(tx, accountId, itemInput(form)));

  app.get('/items/:id', async (request, reply) => {
    requireScope(request, 'read');
    const i = await getItem(db, ctxOf(request).accountId, routeId(request.params, 'item'));
    return showForm(request, reply, { item: i, values: fieldsOfItem(i) });
  });

  updateRoute(
    app,
    db,
    spec,
    (accountId, id) => getItem(db, accountId, id),
    (tx, accountId, id, form) => updateItem(tx, accountId, id, itemInput(form)),
  );

  app.post('/items/:id/delete', async (request, reply) => {
    requireScope(request, 'issue');
    const accountId = ctxOf(request).accountId;
    const id = routeId(request.params, 'item');
    const current = await getItem(db, accountId, id);
    return deleteRecord(
      reply,
      () => inTransaction(db, (tx) => deleteItem(tx, accountId, id)),
      '/console/items?done=deleted',
      'records.items.inUse',
      (errors, status) => showForm(request, reply, { item: current, values: fieldsOfItem(current), errors, status }),
    );
  });
}
