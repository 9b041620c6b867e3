import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTransaction } from '../../app/context.js';
import { listSeries } from '../../app/series/list-series.js';
import { createStore } from '../../app/stores/create-store.js';
import { deleteStore } from '../../app/stores/delete-store.js';
import { listStores } from '../../app/stores/list-stores.js';
import { updateStore } from '../../app/stores/update-store.js';
import { DomainError } from '../../domain/errors.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { requireScope } from '../shell/require-scope.js';
import { type FormErrors, listQuery, noErrors, pageOf, routeId } from './form.js';
import { canWrite, doneOf } from './page-state.js';
import { createRoute, deleteRecord, type RecordForm, updateRoute } from './record-routes.js';
import { type StoreFields, storeFieldsOf, storeInput } from './store-form.js';

type Store = Awaited<ReturnType<typeof listStores>>[number];

const fieldsOfStore = (s: Store): StoreFields => ({
  name: s.name,
  street: s.street ?? '',
  postalCode: s.postal_code ?? '',
  city: s.city ?? '',
  country: s.country,
  defaultSeriesId: s.default_series_id ? String(s.default_series_id) : '',
  allowNegativeStock: s.allow_negative_stock ? 'on' : '',
  isDefault: s.is_default ? 'on' : '',
});

/** Stores: the list, a form to create one, its page to edit or delete it. */
export async function storeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;

  /** A store of the account; another account's id (or none) is not found. */
  const storeOf = async (accountId: number, id: number) => {
    const s = (await listStores(db, accountId)).find((x) => x.id === id);
    if (!s) throw new DomainError('not_found', `Store ${id} does not exist.`, [], { resource: 'store' });
    return s;
  };

  const showForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    data: { store: Store | null; values: StoreFields; errors?: FormErrors; status?: number },
  ) => {
    const series = await listSeries(db, ctxOf(request).accountId);
    return reply.page(
      'records/views/store',
      {
        store: data.store,
        values: data.values,
        errors: data.errors ?? noErrors(),
        series: series.filter((s) => s.status === 'active').map((s) => ({ value: String(s.id), label: s.code })),
        canWrite: canWrite(request),
        done: doneOf(request),
      },
      { status: data.status ?? 200, title: data.store ? 'records.stores.edit' : 'records.stores.new' },
    );
  };

  app.get('/stores', async (request, reply) => {
    requireScope(request, 'read');
    const accountId = ctxOf(request).accountId;
    const { q, page, perPage } = listQuery(request.query);
    const [all, series] = await Promise.all([listStores(db, accountId), listSeries(db, accountId)]);
    const needle = q.toLowerCase();
    const matching = needle
      ? all.filter((s) => [s.name, s.city ?? '', s.street ?? ''].some((v) => v.toLowerCase().includes(needle)))
      : all;
    return reply.page(
      'records/views/stores',
      {
        q,
        result: pageOf(matching, page, perPage),
        seriesCodes: Object.fromEntries(series.map((s) => [s.id, s.code])),
        canWrite: canWrite(request),
        done: doneOf(request),
      },
      { title: 'records.stores.title' },
    );
  });

  app.get('/stores/new', async (request, reply) => {
    requireScope(request, 'issue');
    return showForm(request, reply, { store: null, values: storeFieldsOf({ country: 'PT' }) });
  });

  const spec: RecordForm<Store, StoreFields> = {
    base: '/stores',
    resource: 'store',
    fieldsOf: storeFieldsOf,
    show: (request, reply, store, values, errors, status) =>
      showForm(request, reply, { store, values, errors, status }),
  };
  createRoute(app, db, spec, (tx, accountId, form) => createStore(tx, accountId, storeInput(form)));

  app.get('/stores/:id', async (request, reply) => {
    requireScope(request, 'read');
    const s = await storeOf(ctxOf(request).accountId, routeId(request.params, 'store'));
    return showForm(request, reply, { store: s, values: fieldsOfStore(s) });
  });

  updateRoute(app, db, spec, storeOf, (tx, accountId, id, form) => updateStore(tx, accountId, id, storeInput(form)));

  app.post('/stores/:id/delete', async (request, reply) => {
    requireScope(request, 'issue');
    const accountId = ctxOf(request).accountId;
    const id = routeId(request.params, 'store');
    const current = await storeOf(accountId, id);
    return deleteRecord(
      reply,
      () => inTransaction(db, (tx) => deleteStore(tx, accountId, id)),
      '/console/stores?done=deleted',
      'records.stores.inUse',
      (errors, status) => showForm(request, reply, { store: current, values: fieldsOfStore(current), errors, status }),
    );
  });
}
