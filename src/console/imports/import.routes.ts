import type { FastifyInstance } from 'fastify';
import { getImport } from '../../app/imports/get-import.js';
import { importDocuments } from '../../app/imports/import-documents.js';
import { importReportCsv, importReportXlsx } from '../../app/imports/import-report.js';
import { notFound } from '../../domain/errors.js';
import { ctxOf } from '../../http/kit/request-context.js';
import { importPdfsZip } from '../../render/pdf/import-pdfs-zip.js';
import type { Services } from '../../server/services.js';
import { requireScope } from '../shell/require-scope.js';
import { durationText, importProgress } from './import-progress.js';
import { pageNumber, pageOf } from './paging.js';
import { streamProgress } from './progress-events.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCUMENTS_PER_PAGE = 50;
const ERRORS_PER_PAGE = 100;

interface IdParams {
  id: string;
}

/** An import id from the URL; anything else is the 404 page. */
function importId(raw: string): number {
  if (!/^[1-9]\d{0,14}$/.test(raw)) throw notFound('import');
  return Number(raw);
}

/** An import's page (live progress, then its result), its progress events, and its report. */
export async function importRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;
  const publicUrl = services.config.publicUrl;

  app.get<{ Params: IdParams; Querystring: { page?: string; ep?: string; existing?: string } }>(
    '/imports/:id',
    async (request, reply) => {
      requireScope(request, 'read');
      const accountId = ctxOf(request).accountId;
      const id = importId(request.params.id);
      const imp = await getImport(db, accountId, id);
      const progress = importProgress(imp);
      const page = pageNumber(request.query.page);
      const documents = progress.done
        ? await importDocuments(db, accountId, id, {
            limit: DOCUMENTS_PER_PAGE,
            offset: (page - 1) * DOCUMENTS_PER_PAGE,
          })
        : null;
      return reply.page(
        'imports/views/show',
        {
          imp,
          progress,
          existing: request.query.existing === '1',
          etaText: durationText(progress.done ? 0 : imp.etaSeconds),
          documents: documents && {
            items: documents.items,
            page,
            pages: Math.max(1, Math.ceil(documents.total / DOCUMENTS_PER_PAGE)),
            total: documents.total,
          },
          refused: pageOf(imp.errors, request.query.ep, ERRORS_PER_PAGE),
        },
        { title: 'imports.title' },
      );
    },
  );

  app.get<{ Params: IdParams }>('/imports/:id/events', async (request, reply) => {
    requireScope(request, 'read');
    const accountId = ctxOf(request).accountId;
    const id = importId(request.params.id);
    return streamProgress(request, reply, () => getImport(db, accountId, id));
  });

  app.get<{ Params: IdParams; Querystring: { format?: string } }>('/imports/:id/report', async (request, reply) => {
    requireScope(request, 'read');
    const accountId = ctxOf(request).accountId;
    const id = importId(request.params.id);
    const xlsx = request.query.format === 'xlsx';
    const body = xlsx
      ? await importReportXlsx(db, accountId, id, publicUrl)
      : await importReportCsv(db, accountId, id, publicUrl);
    return reply
      .type(xlsx ? XLSX : 'text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="import-${id}-report.${xlsx ? 'xlsx' : 'csv'}"`)
      .send(body);
  });

  app.get<{ Params: IdParams }>('/imports/:id/pdfs', async (request, reply) => {
    requireScope(request, 'read');
    const zip = await importPdfsZip(db, ctxOf(request).accountId, importId(request.params.id));
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${zip.fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(zip.stream);
  });
}
