import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Tx } from '../../app/context.js';
import { CATALOGS } from '../../app/reference/catalogs.js';
import { createCatalogEntry } from '../../app/reference/create-catalog-entry.js';
import { deleteCatalogEntry } from '../../app/reference/delete-catalog-entry.js';
import { listCatalog } from '../../app/reference/list-catalog.js';
import { listExemptionReasons } from '../../app/reference/list-exemption-reasons.js';
import { updateCatalogEntry } from '../../app/reference/update-catalog-entry.js';
import { createSeries } from '../../app/series/create-series.js';
import { deleteSeries } from '../../app/series/delete-series.js';
import { getSeries } from '../../app/series/get-series.js';
import { listSeries } from '../../app/series/list-series.js';
import { setValidationCode } from '../../app/series/set-validation-code.js';
import { updateSeries } from '../../app/series/update-series.js';
import { createStore } from '../../app/stores/create-store.js';
import { deleteStore } from '../../app/stores/delete-store.js';
import { listStores } from '../../app/stores/list-stores.js';
import { updateStore } from '../../app/stores/update-store.js';
import { getStock, listStockMovements } from '../../app/stock/get-stock.js';
import { createTax } from '../../app/taxes/create-tax.js';
import { deleteTax } from '../../app/taxes/delete-tax.js';
import { listTaxes } from '../../app/taxes/list-taxes.js';
import { updateTax } from '../../app/taxes/update-tax.js';
import { DOC_TYPE_INFO } from '../../domain/documents/types.js';
import { trimDecimal } from '../../domain/money/trim.js';
import { principalOf } from '../kit/request-context.js';
import type { RouteDeps } from './deps.js';
import { IdParams, IsoDate } from './schemas.js';
import { op } from './operation.js';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const TaxBody = Type.Object(
  {
    name: Str(60),
    type: Type.Optional(Type.Union(['IVA', 'IS', 'NS'].map((v) => Type.Literal(v)))),
    region: Str(5),
    code: Type.Optional(Type.Union(['NOR', 'INT', 'RED', 'ISE', 'OUT', 'NS'].map((v) => Type.Literal(v)))),
    rate: Type.Optional(Type.Union([Type.String({ maxLength: 12 }), Type.Number()])),
    isDefault: Type.Optional(Type.Boolean()),
    validFrom: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    validTo: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  },
  { additionalProperties: false, examples: [{ name: 'IVA5', type: 'IVA', region: 'PT', code: 'RED', rate: '5' }] },
);
const SeriesBody = Type.Object(
  {
    code: Str(35),
    description: Str(200),
    kind: Type.Optional(Type.Union(['N', 'F', 'R'].map((v) => Type.Literal(v)))),
    vatIncluded: Type.Optional(Type.Boolean()),
    isDefault: Type.Optional(Type.Boolean()),
    storeId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('finalized')])),
  },
  { additionalProperties: false, examples: [{ code: 'B2026', description: 'Série B' }] },
);
const StoreBody = Type.Object(
  {
    name: Str(100),
    street: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    postalCode: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    city: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
    country: Type.Optional(Type.String({ minLength: 2, maxLength: 2 })),
    defaultSeriesId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    allowNegativeStock: Type.Optional(Type.Boolean()),
    isDefault: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, examples: [{ name: 'Loja Porto', city: 'Porto' }] },
);

const CATALOG_EXAMPLES: Record<keyof typeof CATALOGS, Record<string, unknown>> = {
  units: { name: 'Caixa', symbol: 'CX' },
  paymentMethods: { name: 'Cheque', saftCode: 'CH' },
  shippingMethods: { name: 'Estafeta' },
  vehicles: { plate: 'AA-00-BB', description: 'Carrinha' },
  documentStates: { name: 'Enviado', color: '#2a7ae2' },
  contactTypes: { name: 'Revendedor' },
  itemCategories: { name: 'Serviços' },
};

const seriesJson = (s: Awaited<ReturnType<typeof getSeries>>) => ({
  id: s.id,
  code: s.code,
  description: s.description,
  kind: s.kind,
  vatIncluded: s.vat_included,
  status: s.status,
  isDefault: s.is_default,
  docTypes: s.docTypes.map((t) => ({
    type: t.doc_type,
    validationCode: t.validation_code,
    lastNumber: t.last_number,
    lastDate: t.last_doc_date,
  })),
});

export const catalogRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const acc = (r: Parameters<typeof principalOf>[0]) => principalOf(r).accountId;
  const tx = { execute: <T>(fn: (t: Tx) => Promise<T>) => db.transaction().execute(fn) };

  app.get(
    '/taxes',
    {
      schema: op({
        id: 'listTaxes',
        tags: ['taxes'],
        summary: 'List the tax rates',
        ok: { status: 200, schema: 'Tax', array: true, description: 'The tax rates' },
      }),
    },
    async (request) => listTaxes(db, acc(request)),
  );
  app.post(
    '/taxes',
    {
      schema: {
        ...op({
          id: 'createTax',
          tags: ['taxes'],
          summary: 'Create a tax rate',
          ok: { status: 201, schema: 'Tax', description: 'The tax rate' },
          errors: [409],
        }),
        body: TaxBody,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await tx.execute((t) => createTax(t, acc(request), request.body as never))),
  );
  app.patch(
    '/taxes/:id',
    {
      schema: {
        ...op({
          id: 'updateTax',
          tags: ['taxes'],
          summary: 'Update a tax rate',
          ok: { status: 200, schema: 'Tax', description: 'The tax rate' },
          errors: [409],
        }),
        params: IdParams,
        body: TaxBody,
      },
    },
    async (request) => tx.execute((t) => updateTax(t, acc(request), request.params.id, request.body as never)),
  );
  app.delete(
    '/taxes/:id',
    {
      schema: {
        ...op({
          id: 'deleteTax',
          tags: ['taxes'],
          summary: 'Delete an unused tax rate',
          ok: { status: 204, description: 'Deleted' },
          errors: [409],
        }),
        params: IdParams,
      },
    },
    async (request, reply) => {
      await tx.execute((t) => deleteTax(t, acc(request), request.params.id));
      return reply.status(204).send();
    },
  );

  app.get(
    '/series',
    {
      schema: op({
        id: 'listSeries',
        tags: ['series'],
        summary: 'List the series',
        ok: { status: 200, schema: 'Series', array: true, description: 'The series' },
      }),
    },
    async (request) => (await listSeries(db, acc(request))).map(seriesJson),
  );
  app.get(
    '/series/:id',
    {
      schema: {
        ...op({
          id: 'getSeries',
          tags: ['series'],
          summary: 'Get a series',
          ok: { status: 200, schema: 'Series', description: 'The series' },
        }),
        params: IdParams,
      },
    },
    async (request) => seriesJson(await getSeries(db, acc(request), request.params.id)),
  );
  app.post(
    '/series',
    {
      schema: {
        ...op({
          id: 'createSeries',
          tags: ['series'],
          summary: 'Create a series',
          ok: { status: 201, schema: 'Series', description: 'The series' },
          errors: [409],
        }),
        body: SeriesBody,
      },
    },
    async (request, reply) => {
      const s = await tx.execute((t) => createSeries(t, acc(request), request.body as never));
      return reply.status(201).send(seriesJson(await getSeries(db, acc(request), s.id)));
    },
  );
  app.patch(
    '/series/:id',
    {
      schema: {
        ...op({
          id: 'updateSeries',
          tags: ['series'],
          summary: 'Update or close a series',
          ok: { status: 200, schema: 'Series', description: 'The series' },
          errors: [409],
        }),
        params: IdParams,
        body: SeriesBody,
      },
    },
    async (request) => {
      await tx.execute((t) => updateSeries(t, acc(request), request.params.id, request.body as never));
      return seriesJson(await getSeries(db, acc(request), request.params.id));
    },
  );
  app.put(
    '/series/:id/validation-codes/:docType',
    {
      schema: {
        ...op({
          id: 'setSeriesValidationCode',
          tags: ['series'],
          summary: 'Enter the AT validation code of a series for a document type',
          ok: { status: 200, schema: 'Series', description: 'The series' },
          errors: [409],
        }),
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), docType: Type.String({ maxLength: 3 }) }),
        body: Type.Object(
          { validationCode: Type.String({ maxLength: 100 }) },
          { additionalProperties: false, examples: [{ validationCode: 'AAJFJMVNTN' }] },
        ),
      },
    },
    async (request) => {
      await tx.execute((t) =>
        setValidationCode(t, acc(request), request.params.id, request.params.docType, request.body.validationCode),
      );
      return seriesJson(await getSeries(db, acc(request), request.params.id));
    },
  );
  app.delete(
    '/series/:id',
    {
      schema: {
        ...op({
          id: 'deleteSeries',
          tags: ['series'],
          summary: 'Delete a series never used',
          ok: { status: 204, description: 'Deleted' },
          errors: [409],
        }),
        params: IdParams,
      },
    },
    async (request, reply) => {
      await tx.execute((t) => deleteSeries(t, acc(request), request.params.id));
      return reply.status(204).send();
    },
  );

  app.get(
    '/stores',
    {
      schema: op({
        id: 'listStores',
        tags: ['stores'],
        summary: 'List the stores',
        ok: { status: 200, schema: 'Store', array: true, description: 'The stores' },
      }),
    },
    async (request) => listStores(db, acc(request)),
  );
  app.post(
    '/stores',
    {
      schema: {
        ...op({
          id: 'createStore',
          tags: ['stores'],
          summary: 'Create a store',
          ok: { status: 201, schema: 'Store', description: 'The store' },
          errors: [409],
        }),
        body: StoreBody,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await tx.execute((t) => createStore(t, acc(request), request.body))),
  );
  app.patch(
    '/stores/:id',
    {
      schema: {
        ...op({
          id: 'updateStore',
          tags: ['stores'],
          summary: 'Update a store',
          ok: { status: 200, schema: 'Store', description: 'The store' },
          errors: [409],
        }),
        params: IdParams,
        body: StoreBody,
      },
    },
    async (request) => tx.execute((t) => updateStore(t, acc(request), request.params.id, request.body)),
  );
  app.delete(
    '/stores/:id',
    {
      schema: {
        ...op({
          id: 'deleteStore',
          tags: ['stores'],
          summary: 'Delete an unused store',
          ok: { status: 204, description: 'Deleted' },
          errors: [409],
        }),
        params: IdParams,
      },
    },
    async (request, reply) => {
      await tx.execute((t) => deleteStore(t, acc(request), request.params.id));
      return reply.status(204).send();
    },
  );

  const paths: Record<keyof typeof CATALOGS, string> = {
    units: 'units',
    paymentMethods: 'payment-methods',
    shippingMethods: 'shipping-methods',
    vehicles: 'vehicles',
    documentStates: 'document-states',
    contactTypes: 'contact-types',
    itemCategories: 'item-categories',
  };
  for (const [name, path] of Object.entries(paths) as [keyof typeof CATALOGS, string][]) {
    const cat = CATALOGS[name];
    const fields = Object.entries(cat.fields);
    const Body = Type.Object(
      Object.fromEntries(
        fields.map(([k, f]) => [
          k,
          Type.Optional(
            'kind' in f && f.kind === 'boolean'
              ? Type.Boolean()
              : Type.String({
                  maxLength: 'max' in f && f.max ? f.max : 100,
                  ...('oneOf' in f && f.oneOf ? { description: `One of ${f.oneOf.join(', ')}` } : {}),
                }),
          ),
        ]),
      ),
      { additionalProperties: false, examples: [CATALOG_EXAMPLES[name]] },
    );
    const what = path.replace(/-/g, ' ');
    const Name = name.charAt(0).toUpperCase() + name.slice(1);
    const one = `${Name.replace(/ies$/, 'y').replace(/s$/, '')}`;
    const ops = (verb: string, summary: string, ok: Parameters<typeof op>[0]['ok'], errors?: number[]) =>
      op({ id: `${verb}${verb === 'list' ? Name : one}`, tags: ['reference data'], summary, ok, errors });
    app.get(
      `/${path}`,
      {
        schema: ops('list', `List the ${what}`, {
          status: 200,
          schema: 'CatalogEntry',
          array: true,
          description: `The ${what}`,
        }),
      },
      async (request) => listCatalog(db, acc(request), cat),
    );
    app.post(
      `/${path}`,
      {
        schema: {
          ...ops(
            'create',
            `Create an entry of ${what}`,
            { status: 201, schema: 'CatalogEntry', description: 'The entry' },
            [409],
          ),
          body: Body,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await tx.execute((t) => createCatalogEntry(t, acc(request), cat, request.body as Record<string, unknown>)),
          ),
    );
    app.patch(
      `/${path}/:id`,
      {
        schema: {
          ...ops(
            'update',
            `Update an entry of ${what}`,
            { status: 200, schema: 'CatalogEntry', description: 'The entry' },
            [409],
          ),
          params: IdParams,
          body: Body,
        },
      },
      async (request) =>
        tx.execute((t) =>
          updateCatalogEntry(t, acc(request), cat, request.params.id, request.body as Record<string, unknown>),
        ),
    );
    app.delete(
      `/${path}/:id`,
      {
        schema: {
          ...ops('delete', `Delete an unused entry of ${what}`, { status: 204, description: 'Deleted' }, [409]),
          params: IdParams,
        },
      },
      async (request, reply) => {
        await tx.execute((t) => deleteCatalogEntry(t, acc(request), cat, request.params.id));
        return reply.status(204).send();
      },
    );
  }
  app.get(
    '/exemption-reasons',
    {
      schema: op({
        id: 'listExemptionReasons',
        tags: ['reference data'],
        summary: 'VAT exemption reasons M01…M99',
        ok: { status: 200, schema: 'ExemptionReason', array: true, description: 'The reasons' },
      }),
    },
    async () => listExemptionReasons(db),
  );
  app.get(
    '/document-types',
    {
      schema: op({
        id: 'listDocumentTypes',
        tags: ['reference data'],
        summary: 'The document types and how they behave',
        ok: { status: 200, schema: 'DocumentType', array: true, description: 'The types' },
      }),
    },
    async () => Object.values(DOC_TYPE_INFO),
  );

  app.get(
    '/stock',
    {
      schema: {
        ...op({
          id: 'getStock',
          tags: ['stock'],
          summary: 'Stock per item and store, at a date',
          ok: { status: 200, schema: 'StockLevel', array: true, description: 'Stock levels' },
        }),
        querystring: Type.Object({
          itemId: Type.Optional(Type.Integer({ minimum: 1 })),
          storeId: Type.Optional(Type.Integer({ minimum: 1 })),
          date: Type.Optional(IsoDate),
        }),
      },
    },
    async (request) =>
      (await getStock(db, acc(request), request.query)).map((r) => ({
        itemId: r.item_id,
        storeId: r.store_id,
        code: r.code,
        description: r.description,
        quantity: trimDecimal(r.quantity),
      })),
  );
  app.get(
    '/stock/movements',
    {
      schema: {
        ...op({
          id: 'listStockMovements',
          tags: ['stock'],
          summary: 'Stock movements',
          ok: { status: 200, schema: 'StockMovement', array: true, description: 'Movements' },
        }),
        querystring: Type.Object({
          itemId: Type.Optional(Type.Integer({ minimum: 1 })),
          storeId: Type.Optional(Type.Integer({ minimum: 1 })),
          from: Type.Optional(IsoDate),
          to: Type.Optional(IsoDate),
        }),
      },
    },
    async (request) =>
      (await listStockMovements(db, acc(request), request.query)).map((m) => ({
        id: m.id,
        itemId: m.item_id,
        storeId: m.store_id,
        documentId: m.document_id,
        documentNumber: m.doc_no,
        quantity: trimDecimal(m.quantity),
        date: m.moved_on,
      })),
  );
};
