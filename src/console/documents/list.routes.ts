import type { FastifyInstance } from 'fastify';
import { listDocuments } from '../../app/documents/list-documents.js';
import { listSeries } from '../../app/series/list-series.js';
import { DOC_TYPES } from '../../domain/documents/types.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { requireScope } from '../shell/require-scope.js';
import { listHref, listQueryOf, SORTS } from './list-query.js';

/** `GET /console/documents`: the account's documents, filtered, sorted and paged by the URL (a GET form). */
export async function listRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;
  app.get('/documents', async (request, reply) => {
    requireScope(request, 'read');
    const accountId = ctxOf(request).accountId;
    const query = listQueryOf(request.query);
    const invalid = Object.keys(query.errors).length > 0;
    const [series, result] = await Promise.all([
      listSeries(db, accountId),
      invalid ? null : listDocuments(db, accountId, query.filter, query.page),
    ]);
    const page = result ?? { items: [], total: 0, page: 1, perPage: query.page.perPage, totalPages: 1 };
    const filtered = Object.entries(query.values).some(([k, v]) => k !== 'sort' && k !== 'dir' && v !== '');
    return reply.page(
      'documents/views/list',
      {
        values: query.values,
        errors: query.errors,
        invalid,
        filtered,
        types: DOC_TYPES,
        series: series.map((s) => ({ id: s.id, code: s.code })),
        sorts: SORTS,
        rows: page.items.map((d) => ({
          id: d.id,
          type: d.doc_type,
          number: d.doc_no,
          date: d.doc_date,
          customer: d.customer.name,
          status: d.status,
          paid: d.paid,
          currency: d.currency,
          total: d.gross_total,
          openBalance: d.open_balance,
        })),
        page: { page: page.page, total: page.total, totalPages: page.totalPages },
        href: (over: Parameters<typeof listHref>[1]) => listHref(query.values, over),
      },
      { status: invalid ? 422 : 200, title: 'documents.list.title' },
    );
  });
}
