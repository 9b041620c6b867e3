import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createImport } from '../../app/imports/create-import.js';
import { getImport } from '../../app/imports/get-import.js';
import { importReportCsv, importReportXlsx } from '../../app/imports/import-report.js';
import { spoolToTempFile, UploadTooLarge, type ImportSource } from '../../app/imports/import-source.js';
import { previewImport, type ImportPreview } from '../../app/imports/preview-import.js';
import { templateFile } from '../../app/imports/template-file.js';
import { DomainError } from '../../domain/errors.js';
import { importPdfsZip } from '../../render/pdf/import-pdfs-zip.js';
import { ctxOf, principalOf } from '../kit/request-context.js';
import { badTextMessage, findBadText } from '../kit/text-check.js';
import type { RouteDeps } from './deps.js';
import { op } from './operation.js';
import { IdParams } from './schemas.js';

const tags = ['imports'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** An upload's size limit: 50,000 rows of a wide template fit well within it. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Row errors listed in a 422 (the preview of a dry run lists them all). */
const MAX_LISTED_ERRORS = 1000;

const RowError = Type.Object({
  row: Type.Integer({ description: 'The row as the spreadsheet numbers it (the header is row 1)' }),
  column: Type.String({ description: 'The template column (its key), or the header as written' }),
  reason: Type.String(),
});

const Preview = Type.Object({
  dryRun: Type.Literal(true),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  rows: Type.Integer(),
  documentCount: Type.Integer({ description: 'Documents in the file, valid or not' }),
  documents: Type.Array(
    Type.Object({
      key: Type.String(),
      firstRow: Type.Integer(),
      lines: Type.Integer(),
      netTotal: Type.String(),
      taxTotal: Type.String(),
      grossTotal: Type.String(),
    }),
    { description: 'The valid documents, with their totals as they would be issued' },
  ),
  errors: Type.Array(RowError),
});

const ImportSchema = Type.Object({
  id: Type.Integer(),
  status: Type.Union([Type.Literal('issuing'), Type.Literal('done')]),
  fileName: Type.String(),
  rows: Type.Integer(),
  documents: Type.Integer({ description: 'Documents to issue (the valid ones)' }),
  issued: Type.Integer(),
  failed: Type.Integer({ description: 'Refused at issue time (see the report)' }),
  pending: Type.Integer(),
  rate: Type.Union([Type.Number(), Type.Null()], { description: 'Documents issued per second' }),
  etaSeconds: Type.Union([Type.Integer(), Type.Null()], { description: 'Seconds left at that rate' }),
  sendEmail: Type.Boolean(),
  errors: Type.Array(RowError, { description: 'Rows refused at validation (uploaded with issueValid)' }),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  existing: Type.Optional(
    Type.Boolean({ description: 'The same file was imported before: that import, nothing issued again' }),
  ),
});

const UPLOAD_BODY = {
  requestBody: {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: ['file'],
          properties: {
            file: {
              type: 'string',
              contentMediaType: 'application/octet-stream',
              description: 'CSV or XLSX, at most 50,000 rows',
            },
            dryRun: { type: 'boolean', description: 'Only check the file and answer the preview' },
            issueValid: { type: 'boolean', description: 'Issue the valid documents even when other rows have errors' },
            sendEmail: { type: 'boolean', description: "E-mail each document to its row's Send to address" },
            mapping: { type: 'string', description: 'JSON object: file header → template column (key or header)' },
          },
        },
      },
    },
  },
};

interface Upload {
  fileName: string;
  /** The file spooled to a temporary file: dispose of it once done. */
  source: ImportSource;
  dryRun: boolean;
  issueValid: boolean;
  sendEmail: boolean;
  mapping: Record<string, string>;
}

const invalid = (field: string, message: string) =>
  new DomainError('validation', message, [{ field, issue: 'invalid', message }]);

const flag = (v: string | undefined, field: string) => {
  if (v === undefined || v === '' || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1') return true;
  throw invalid(field, `${field} is true or false.`);
};

/** Reads the multipart body, the file streamed to a temporary file (removed again if anything is wrong). */
async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw invalid('body', 'Send the file as multipart/form-data with a part named file.');
  const fields = new Map<string, string>();
  let file: { fileName: string; source: ImportSource } | null = null;
  try {
    try {
      for await (const part of request.parts({ limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10 } })) {
        if (part.type === 'file') {
          const f = part as MultipartFile;
          const source = await spoolToTempFile(f.file, MAX_FILE_BYTES, () => f.file.truncated);
          file = { fileName: f.filename, source };
        } else fields.set(part.fieldname, String((part as MultipartValue).value ?? ''));
      }
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (err instanceof UploadTooLarge || code === 'FST_REQ_FILE_TOO_LARGE')
        throw invalid('file', `The file is larger than ${MAX_FILE_BYTES} bytes.`);
      // A client that went away mid-file ends its part early.
      if (code.startsWith('FST_') || code === 'ERR_STREAM_PREMATURE_CLOSE')
        throw invalid('body', 'The multipart body could not be read.');
      throw err;
    }
    if (!file) throw invalid('file', 'No file part: send the spreadsheet in a part named file.');
    const bad = findBadText({ ...Object.fromEntries(fields), fileName: file.fileName });
    if (bad) throw invalid(bad.path.join('.'), `The field ${bad.path.join('.')} ${badTextMessage(bad)}.`);
    let mapping: Record<string, string> = {};
    if (fields.get('mapping')) {
      try {
        mapping = JSON.parse(fields.get('mapping')!);
      } catch {
        throw invalid('mapping', 'mapping is a JSON object: file header → template column.');
      }
      if (
        !mapping ||
        typeof mapping !== 'object' ||
        Array.isArray(mapping) ||
        Object.values(mapping).some((v) => typeof v !== 'string')
      )
        throw invalid('mapping', 'mapping is a JSON object: file header → template column.');
    }
    return {
      fileName: file.fileName || 'upload',
      source: file.source,
      dryRun: flag(fields.get('dryRun'), 'dryRun'),
      issueValid: flag(fields.get('issueValid'), 'issueValid'),
      sendEmail: flag(fields.get('sendEmail'), 'sendEmail'),
      mapping,
    };
  } catch (err) {
    await file?.source.dispose();
    throw err;
  }
}

const previewJson = (p: ImportPreview) => ({
  dryRun: true as const,
  format: p.format,
  rows: p.rows,
  documentCount: p.documentCount,
  documents: p.documents,
  errors: p.errors,
});

export const importRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db, config, services }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/imports',
    {
      schema: {
        ...op({
          id: 'createImport',
          tags,
          summary: 'Bulk invoicing: upload a CSV or XLSX file, checked whole, then issued in the background',
          description:
            'The whole file is checked first with the same rules as POST /documents. dryRun answers the preview ' +
            '(200). Rows with errors refuse the file (422, each error at its row and column) unless issueValid. ' +
            'Otherwise the import is recorded (201) and its documents are issued by a background job: follow it with ' +
            'GET /imports/{id}. The same file again answers its import (200) and issues nothing twice.',
          ok: { status: 201, schema: ImportSchema, description: 'The import, issuing' },
          openapi: {
            ...UPLOAD_BODY,
            responses: {
              200: {
                description: 'The preview (dryRun), or the import of the same file uploaded before',
                content: { 'application/json': { schema: { oneOf: [Preview, ImportSchema] } } },
              },
            },
          },
        }),
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const upload = await readUpload(request);
      try {
        const preview = await previewImport(db, ctx, upload.source, {
          mapping: upload.mapping,
          sendEmail: upload.sendEmail,
        });
        if (upload.dryRun) return reply.status(200).send(previewJson(preview));
        if (preview.errors.length && !upload.issueValid)
          throw new DomainError(
            'validation',
            `The file has ${preview.errors.length} error(s); nothing was issued. Fix them, or send issueValid=true to issue the valid documents.`,
            preview.errors.slice(0, MAX_LISTED_ERRORS).map((e) => ({
              field: `rows[${e.row}].${e.column}`,
              issue: 'invalid',
              message: e.reason,
            })),
          );
        const { id, created } = await db
          .transaction()
          .execute((tx) => createImport(tx, ctx.accountId, upload.source, preview, upload));
        if (created) services.pokeWorker();
        const view = await getImport(db, ctx.accountId, id);
        return reply.status(created ? 201 : 200).send(created ? view : { ...view, existing: true });
      } finally {
        await upload.source.dispose();
      }
    },
  );

  app.get(
    '/imports/template',
    {
      schema: {
        ...op({
          id: 'getImportTemplate',
          tags,
          summary: 'The bulk invoicing template (CSV or XLSX, Portuguese or English headers)',
          ok: { status: 200, description: 'The template file' },
          openapi: {
            responses: {
              200: {
                content: {
                  'text/csv': { schema: { type: 'string' } },
                  [XLSX]: {
                    schema: { type: 'string', contentMediaType: 'application/octet-stream' },
                  },
                },
              },
            },
          },
        }),
        querystring: Type.Object({
          format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' })),
          lang: Type.Optional(Type.Union([Type.Literal('pt'), Type.Literal('en')], { default: 'pt' })),
        }),
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'csv';
      const lang = request.query.lang ?? 'pt';
      const name = `${lang === 'pt' ? 'modelo-faturacao' : 'invoicing-template'}.${format}`;
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(await templateFile(format, lang));
    },
  );

  app.get(
    '/imports/:id',
    {
      schema: {
        ...op({
          id: 'getImport',
          tags,
          summary: 'An import and its progress (count, rate, time left)',
          ok: { status: 200, schema: ImportSchema, description: 'The import' },
        }),
        params: IdParams,
      },
    },
    async (request) => getImport(db, principalOf(request).accountId, request.params.id),
  );

  app.get(
    '/imports/:id/report',
    {
      schema: {
        ...op({
          id: 'getImportReport',
          tags,
          summary:
            "An import's result (CSV or XLSX): each document's number, ATCUD, total and download link, or its error",
          ok: { status: 200, description: 'The report' },
          openapi: {
            responses: {
              200: {
                content: {
                  'text/csv': { schema: { type: 'string' } },
                  [XLSX]: { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
                },
              },
            },
          },
        }),
        params: IdParams,
        querystring: Type.Object({
          format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' })),
        }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const accountId = principalOf(request).accountId;
      const xlsx = request.query.format === 'xlsx';
      const body = xlsx
        ? await importReportXlsx(db, accountId, id, config.publicUrl)
        : await importReportCsv(db, accountId, id, config.publicUrl);
      return reply
        .type(xlsx ? XLSX : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${id}-report.${xlsx ? 'xlsx' : 'csv'}"`)
        .send(body);
    },
  );

  app.get(
    '/imports/:id/pdfs',
    {
      exposeHeadRoute: false,
      schema: {
        ...op({
          id: 'getImportPdfs',
          tags,
          summary: "The PDFs of an import's issued documents as one ZIP, each named by its document number",
          description:
            'Streamed as it is built; a PDF not rendered yet is rendered then. Each PDF is a print, as a download is ' +
            '(the first is the Original, later ones copies). Documents still pending or refused are not in it.',
          ok: { status: 200, description: 'The ZIP archive' },
          openapi: {
            responses: {
              200: {
                content: { 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } } },
              },
            },
          },
        }),
        params: IdParams,
      },
    },
    async (request, reply) => {
      const zip = await importPdfsZip(db, principalOf(request).accountId, request.params.id);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${zip.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(zip.stream);
    },
  );
};
