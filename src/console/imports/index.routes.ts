import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../app/context.js';
import { listImports } from '../../app/imports/list-imports.js';
import { templateFile } from '../../app/imports/template-file.js';
import { scopeAllows } from '../../domain/api-key-scope.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { requireScope } from '../shell/require-scope.js';
import { pageNumber } from './paging.js';

const PER_PAGE = 20;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The imports page: the upload form (with what was sent, and the error beside its field), templates, past imports. */
export async function renderIndex(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  state: {
    status?: number;
    values?: { issueValid?: boolean; sendEmail?: boolean };
    fileError?: string;
    formError?: string;
  } = {},
): Promise<FastifyReply> {
  const page = pageNumber((request.query as { page?: string } | undefined)?.page);
  const list = await listImports(db, ctxOf(request).accountId, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
  const pages = Math.max(1, Math.ceil(list.total / PER_PAGE));
  return reply.page(
    'imports/views/index',
    {
      canIssue: scopeAllows(request.consoleSession!.scope, 'issue'),
      values: state.values ?? {},
      fileError: state.fileError,
      formError: state.formError,
      imports: { items: list.items, page: Math.min(page, pages), pages, total: list.total },
    },
    { status: state.status ?? 200, title: 'imports.title' },
  );
}

export async function indexRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;

  app.get('/imports', async (request, reply) => {
    requireScope(request, 'read');
    return renderIndex(db, request, reply);
  });

  app.get<{ Querystring: { format?: string; lang?: string } }>('/imports/template', async (request, reply) => {
    requireScope(request, 'read');
    const format = request.query.format === 'xlsx' ? 'xlsx' : 'csv';
    const lang = request.query.lang === 'en' ? 'en' : 'pt';
    const name = `${lang === 'pt' ? 'modelo-faturacao' : 'invoicing-template'}.${format}`;
    return reply
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(await templateFile(format, lang));
  });
}
