import { createItem } from '../../../app/items/create-item.js';
import { deleteItem } from '../../../app/items/delete-item.js';
import { getItem } from '../../../app/items/get-item.js';
import { listItems } from '../../../app/items/list-items.js';
import { updateItem } from '../../../app/items/update-item.js';
import { pageRequest } from '../../../app/pagination.js';
import type { Handler, Route } from '../context.js';
import { itemError, itemRoot, itemViewContext, readItem, resolveItemBody } from '../item-input.js';
import { IxError } from '../ix-error.js';
import { itemView } from '../views/item.js';
import { paginationView } from '../views/pagination.js';

const cfg = { ixFields: { code: 'name', price: 'unit_price' } };
const PER_PAGE = 10;

const handle =
  (fn: Handler): Handler =>
  async (c) => {
    if (c.params.id !== undefined && !c.id) throw new IxError(404, ['Item not found']);
    try {
      return await fn(c);
    } catch (err) {
      throw itemError(err);
    }
  };

/** InvoiceXpress items: the core's items, keyed by name (the core's code). */
export function itemRoutes(route: Route): void {
  route('GET', '/items', cfg, async (c) => {
    const page = await listItems(c.db, c.accountId, {}, pageRequest(c.query.page, c.query.per_page, PER_PAGE));
    const ctx = await itemViewContext(c.db, c.accountId);
    return { body: { items: page.items.map((i) => itemView(i, ctx)), pagination: paginationView(page) } };
  });

  route(
    'POST',
    '/items',
    cfg,
    handle(async (c) => {
      const body = readItem(itemRoot(c.body), false);
      const row = await c.tx(async (tx) => createItem(tx, c.accountId, await resolveItemBody(tx, c.accountId, body)));
      return { status: 201, body: { item: itemView(row, await itemViewContext(c.db, c.accountId)) } };
    }),
  );

  route(
    'GET',
    '/items/:id',
    cfg,
    handle(async (c) => {
      const row = await getItem(c.db, c.accountId, c.id);
      return { body: { item: itemView(row, await itemViewContext(c.db, c.accountId)) } };
    }),
  );

  route(
    'PUT',
    '/items/:id',
    cfg,
    handle(async (c) => {
      const body = readItem(itemRoot(c.body), true);
      const row = await c.tx(async (tx) =>
        updateItem(tx, c.accountId, c.id, await resolveItemBody(tx, c.accountId, body)),
      );
      return { body: { item: itemView(row, await itemViewContext(c.db, c.accountId)) } };
    }),
  );

  route(
    'DELETE',
    '/items/:id',
    cfg,
    handle(async (c) => {
      await c.tx((tx) => deleteItem(tx, c.accountId, c.id));
      return { status: 200 };
    }),
  );
}
