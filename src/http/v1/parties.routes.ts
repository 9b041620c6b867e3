import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createContact } from '../../app/contacts/create-contact.js';
import { deleteContact } from '../../app/contacts/delete-contact.js';
import { getContact } from '../../app/contacts/get-contact.js';
import { listContacts } from '../../app/contacts/list-contacts.js';
import { updateContact } from '../../app/contacts/update-contact.js';
import { createItem } from '../../app/items/create-item.js';
import { deleteItem } from '../../app/items/delete-item.js';
import { getItem } from '../../app/items/get-item.js';
import { listItems } from '../../app/items/list-items.js';
import { updateItem } from '../../app/items/update-item.js';
import { pageRequest } from '../../app/pagination.js';
import { principalOf } from '../kit/request-context.js';
import type { RouteDeps } from './deps.js';
import { idempotentCreate } from './idempotent-create.js';
import { ContactBody, IdParams, ItemBody, PageQuery } from './schemas.js';
import { contactJson, itemJson } from './party-views.js';
import { op } from './operation.js';

export const partyRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const acc = (r: Parameters<typeof principalOf>[0]) => principalOf(r).accountId;

  app.post(
    '/contacts',
    {
      schema: {
        ...op({
          id: 'createContact',
          tags: ['contacts'],
          summary: 'Create a contact',
          ok: { status: 201, schema: 'Contact', description: 'The contact' },
          errors: [409],
        }),
        body: ContactBody,
      },
    },
    async (request, reply) =>
      idempotentCreate(db, request, reply, async (tx) => ({
        body: contactJson(await createContact(tx, acc(request), request.body)),
      })),
  );
  app.get(
    '/contacts',
    {
      schema: {
        ...op({
          id: 'listContacts',
          tags: ['contacts'],
          summary: 'List and search contacts',
          ok: { status: 200, schema: 'ContactPage', description: 'A page of contacts' },
        }),
        querystring: Type.Object({
          ...PageQuery,
          q: Type.Optional(Type.String({ maxLength: 100 })),
          code: Type.Optional(Type.String()),
          taxId: Type.Optional(Type.String()),
          email: Type.Optional(Type.String()),
          kind: Type.Optional(Type.String()),
          archived: Type.Optional(
            Type.Boolean({ description: 'true: only archived contacts; false: only active ones; absent: both.' }),
          ),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listContacts(
        db,
        acc(request),
        { text: q.q, code: q.code, taxId: q.taxId, email: q.email, kind: q.kind, archived: q.archived },
        pageRequest(q.page, q.perPage),
      );
      return {
        data: page.items.map(contactJson),
        pagination: { page: page.page, perPage: page.perPage, total: page.total, totalPages: page.totalPages },
      };
    },
  );
  app.get(
    '/contacts/:id',
    {
      schema: {
        ...op({
          id: 'getContact',
          tags: ['contacts'],
          summary: 'Get a contact',
          ok: { status: 200, schema: 'Contact', description: 'The contact' },
        }),
        params: IdParams,
      },
    },
    async (request) => contactJson(await getContact(db, acc(request), request.params.id)),
  );
  app.patch(
    '/contacts/:id',
    {
      schema: {
        ...op({
          id: 'updateContact',
          tags: ['contacts'],
          summary: 'Update a contact (tax id locked once it has documents)',
          ok: { status: 200, schema: 'Contact', description: 'The contact' },
          errors: [409],
        }),
        params: IdParams,
        body: ContactBody,
      },
    },
    async (request) =>
      contactJson(
        await db.transaction().execute((tx) => updateContact(tx, acc(request), request.params.id, request.body)),
      ),
  );
  app.delete(
    '/contacts/:id',
    {
      schema: {
        ...op({
          id: 'deleteContact',
          tags: ['contacts'],
          summary: 'Delete a contact without documents',
          ok: { status: 204, description: 'Deleted' },
          errors: [409],
        }),
        params: IdParams,
      },
    },
    async (request, reply) => {
      await db.transaction().execute((tx) => deleteContact(tx, acc(request), request.params.id));
      return reply.status(204).send();
    },
  );

  app.post(
    '/items',
    {
      schema: {
        ...op({
          id: 'createItem',
          tags: ['items'],
          summary: 'Create an item',
          ok: { status: 201, schema: 'Item', description: 'The item' },
          errors: [409],
        }),
        body: ItemBody,
      },
    },
    async (request, reply) =>
      idempotentCreate(db, request, reply, async (tx) => ({
        body: itemJson(await createItem(tx, acc(request), request.body)),
      })),
  );
  app.get(
    '/items',
    {
      schema: {
        ...op({
          id: 'listItems',
          tags: ['items'],
          summary: 'List and search items',
          ok: { status: 200, schema: 'ItemPage', description: 'A page of items' },
        }),
        querystring: Type.Object({
          ...PageQuery,
          q: Type.Optional(Type.String({ maxLength: 100 })),
          code: Type.Optional(Type.String()),
          barcode: Type.Optional(Type.String()),
          categoryId: Type.Optional(Type.Integer({ minimum: 1 })),
          archived: Type.Optional(
            Type.Boolean({ description: 'true: only archived items; false: only active ones; absent: both.' }),
          ),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listItems(
        db,
        acc(request),
        { text: q.q, code: q.code, barcode: q.barcode, categoryId: q.categoryId, archived: q.archived },
        pageRequest(q.page, q.perPage),
      );
      return {
        data: page.items.map(itemJson),
        pagination: { page: page.page, perPage: page.perPage, total: page.total, totalPages: page.totalPages },
      };
    },
  );
  app.get(
    '/items/:id',
    {
      schema: {
        ...op({
          id: 'getItem',
          tags: ['items'],
          summary: 'Get an item',
          ok: { status: 200, schema: 'Item', description: 'The item' },
        }),
        params: IdParams,
      },
    },
    async (request) => itemJson(await getItem(db, acc(request), request.params.id)),
  );
  app.patch(
    '/items/:id',
    {
      schema: {
        ...op({
          id: 'updateItem',
          tags: ['items'],
          summary: 'Update an item (issued documents keep their copy)',
          ok: { status: 200, schema: 'Item', description: 'The item' },
          errors: [409],
        }),
        params: IdParams,
        body: ItemBody,
      },
    },
    async (request) =>
      itemJson(await db.transaction().execute((tx) => updateItem(tx, acc(request), request.params.id, request.body))),
  );
  app.delete(
    '/items/:id',
    {
      schema: {
        ...op({
          id: 'deleteItem',
          tags: ['items'],
          summary: 'Delete an item never used',
          ok: { status: 204, description: 'Deleted' },
          errors: [409],
        }),
        params: IdParams,
      },
    },
    async (request, reply) => {
      await db.transaction().execute((tx) => deleteItem(tx, acc(request), request.params.id));
      return reply.status(204).send();
    },
  );
};
