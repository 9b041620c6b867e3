import type { FastifyInstance } from 'fastify';
import { listContacts } from '../../app/contacts/list-contacts.js';
import { listItems } from '../../app/items/list-items.js';
import { pageRequest } from '../../app/pagination.js';
import type { Services } from '../../server/services.js';
import { requireScope } from '../shell/require-scope.js';

const LIMIT = 10;
const queryOf = (q: unknown) =>
  String((q as { q?: unknown })?.q ?? '')
    .trim()
    .slice(0, 100);

/** The form's autocomplete: the account's customers and items matching `q` (name, tax id, code…), as JSON. */
export async function lookupRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;
  app.get('/lookup/customers', async (request, reply) => {
    requireScope(request, 'read');
    const q = queryOf(request.query);
    const page = q
      ? await listContacts(db, request.consoleSession!.accountId, { text: q, archived: false }, pageRequest(1, LIMIT))
      : { items: [] };
    return reply
      .header('cache-control', 'no-store')
      .send(page.items.map((c) => ({ id: c.id, name: c.name, taxId: c.tax_id, code: c.code, city: c.city })));
  });
  app.get('/lookup/items', async (request, reply) => {
    requireScope(request, 'read');
    const q = queryOf(request.query);
    const page = q
      ? await listItems(db, request.consoleSession!.accountId, { text: q, archived: false }, pageRequest(1, LIMIT))
      : { items: [] };
    return reply.header('cache-control', 'no-store').send(
      page.items.map((i) => ({
        id: i.id,
        code: i.code,
        description: i.description,
        price: i.price,
        taxId: i.tax_id,
      })),
    );
  });
}
