import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTransaction } from '../../app/context.js';
import { createImport } from '../../app/imports/create-import.js';
import { previewImport, type ImportPreview } from '../../app/imports/preview-import.js';
import { getStagedUpload } from '../../app/imports/get-staged-upload.js';
import type { ImportSource } from '../../app/imports/import-source.js';
import { stageUpload, type StagedUpload } from '../../app/imports/stage-upload.js';
import { stagedUploadSource } from '../../app/imports/staged-upload-source.js';
import { markStagedUploadIssued, takeStagedUpload } from '../../app/imports/take-staged-upload.js';
import { updateStagedUpload } from '../../app/imports/update-staged-upload.js';
import { DomainError } from '../../domain/errors.js';
import { Decimal, ZERO } from '../../domain/money/decimal.js';
import { recognizeHeaders, TEMPLATE_COLUMNS, type ImportColumn } from '../../domain/imports/template-columns.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { requireScope } from '../shell/require-scope.js';
import { requestLang } from '../shell/render.js';
import { renderIndex } from './index.routes.js';
import { tr } from './messages.js';
import { pageOf } from './paging.js';
import { readUploadForm, UploadFormError } from './upload-request.js';

const DOCUMENTS_PER_PAGE = 50;
const ERRORS_PER_PAGE = 100;

/** Header problems (row 1) mean the file's columns must be mapped before its rows can be checked. */
const headerIssues = (p: ImportPreview) => p.errors.filter((e) => e.row === 1);

const fileProblem = (err: unknown): string | null =>
  err instanceof DomainError && err.details.some((d) => d.field === 'file') ? err.message : null;

interface TokenParams {
  token: string;
}

/**
 * Upload → check → (map the columns) → preview → issue. The file is checked whole (nothing is written) and kept in
 * the database with its check (so the click may reach any process, and survives a restart); the preview page's "Issue" button sends only the upload's token.
 */
export async function uploadRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;

  app.post('/imports', async (request, reply) => {
    requireScope(request, 'issue');
    const session = request.consoleSession!;
    let form;
    try {
      form = await readUploadForm(request);
    } catch (err) {
      if (!(err instanceof UploadFormError)) throw err;
      return renderIndex(db, request, reply, {
        status: 422,
        values: {},
        [err.field === 'file' ? 'fileError' : 'formError']: tr(request)(err.key, err.vars),
      });
    }
    const ctx = ctxOf(request);
    try {
      let preview: ImportPreview;
      try {
        preview = await previewImport(db, ctx, form.source, { sendEmail: form.sendEmail });
      } catch (err) {
        const reason = fileProblem(err);
        if (reason === null) throw err;
        return renderIndex(db, request, reply, {
          status: 422,
          values: form,
          fileError: tr(reply.request)('imports.error.file', { reason }),
        });
      }
      const token = await inTransaction(db, (tx) =>
        stageUpload(tx, ctx, {
          sessionId: session.sessionId,
          fileName: form.fileName,
          source: form.source,
          issueValid: form.issueValid,
          sendEmail: form.sendEmail,
          mapping: {},
          headers: headerIssues(preview).length ? preview.headers : [],
          preview,
        }),
      );
      return reply.redirect(`/console/imports/uploads/${token}`, 303);
    } finally {
      await form.source.dispose();
    }
  });

  const uploadOf = (request: FastifyRequest<{ Params: TokenParams }>) =>
    getStagedUpload(db, ctxOf(request), {
      token: request.params.token,
      sessionId: request.consoleSession!.sessionId,
    });
  const sessionOf = (request: FastifyRequest<{ Params: TokenParams }>) => ({
    token: request.params.token,
    sessionId: request.consoleSession!.sessionId,
  });

  const expired = (reply: FastifyReply) =>
    reply.page('imports/views/expired', {}, { status: 404, title: 'imports.expired.title' });
  /** An upload already issued (a second click, the back button): its import. */
  const issuedAs = (reply: FastifyReply, importId: number) =>
    reply.redirect(`/console/imports/${importId}?existing=1`, 303);

  app.get<{ Params: TokenParams; Querystring: { dp?: string; ep?: string } }>(
    '/imports/uploads/:token',
    async (request, reply) => {
      requireScope(request, 'issue');
      const upload = await uploadOf(request);
      if (upload?.importId) return issuedAs(reply, upload.importId);
      if (!upload?.preview) return expired(reply);
      if (headerIssues(upload.preview).length) return renderMapping(reply, upload, 200);
      return renderPreview(reply, upload, request.query, 200);
    },
  );

  app.post<{ Params: TokenParams; Body: Record<string, unknown> }>(
    '/imports/uploads/:token/mapping',
    async (request, reply) => {
      requireScope(request, 'issue');
      const upload = await uploadOf(request);
      if (upload?.importId) return issuedAs(reply, upload.importId);
      if (!upload?.preview) return expired(reply);
      const body = request.body ?? {};
      const mapping: Record<string, string> = {};
      const chosen = new Map<string, ImportColumn[]>();
      for (const c of TEMPLATE_COLUMNS) {
        const header = body[`map.${c.key}`];
        if (typeof header !== 'string' || !header || !upload.headers.includes(header)) continue;
        mapping[header] = c.key;
        chosen.set(header, [...(chosen.get(header) ?? []), c.key]);
      }
      const twice = [...chosen].filter(([, keys]) => keys.length > 1);
      if (twice.length) {
        await updateStagedUpload(db, ctxOf(request), { ...sessionOf(request), mapping });
        upload.mapping = mapping;
        const errors = Object.fromEntries(
          twice.flatMap(([header, keys]) =>
            keys.map((k) => [k, tr(reply.request)('imports.error.mappingTwice', { header })]),
          ),
        );
        return renderMapping(reply, upload, 422, errors);
      }
      const source = await stagedUploadSource(db, ctxOf(request), sessionOf(request));
      if (!source) return expired(reply);
      let preview: ImportPreview;
      try {
        preview = await previewImport(db, ctxOf(request), source, { mapping, sendEmail: upload.sendEmail });
      } finally {
        await source.dispose();
      }
      await updateStagedUpload(db, ctxOf(request), { ...sessionOf(request), mapping, preview });
      Object.assign(upload, { mapping, preview });
      if (headerIssues(preview).length) return renderMapping(reply, upload, 422);
      return reply.redirect(`/console/imports/uploads/${upload.token}`, 303);
    },
  );

  app.post<{ Params: TokenParams; Body: Record<string, unknown> }>(
    '/imports/uploads/:token/issue',
    async (request, reply) => {
      requireScope(request, 'issue');
      const upload = await uploadOf(request);
      if (upload?.importId) return issuedAs(reply, upload.importId);
      const preview = upload?.preview;
      if (!upload || !preview) return expired(reply);
      if (headerIssues(preview).length) return renderMapping(reply, upload, 422);
      const issueValid = upload.issueValid || request.body?.issueValid === 'on';
      if (!preview.documents.length)
        return renderPreview(reply, upload, {}, 422, tr(reply.request)('imports.error.nothingValid'));
      if (preview.errors.length && !issueValid)
        return renderPreview(
          reply,
          upload,
          {},
          422,
          tr(reply.request)('imports.error.stillErrors', { n: preview.errors.length }),
        );
      const ctx = ctxOf(request);
      // The upload is taken in the transaction that records its import: a second click finds the import.
      const outcome = await inTransaction(db, async (tx) => {
        const taken = await takeStagedUpload(tx, ctx, sessionOf(request));
        if (!taken.taken) return taken.issued === null ? null : { id: taken.issued, created: false };
        // The file is read once more, from the row now locked, to record its documents' inputs.
        let source: ImportSource | undefined;
        try {
          source = await stagedUploadSource(tx, ctx, sessionOf(request));
          if (!source) return null;
          const made = await createImport(tx, ctx.accountId, source, preview, {
            fileName: upload.fileName,
            sendEmail: upload.sendEmail,
            mapping: upload.mapping,
          });
          await markStagedUploadIssued(tx, ctx, { ...sessionOf(request), importId: made.id });
          return made;
        } finally {
          await source?.dispose();
        }
      });
      if (!outcome) return expired(reply);
      const { id, created } = outcome;
      if (created) services.pokeWorker();
      return reply.redirect(`/console/imports/${id}${created ? '' : '?existing=1'}`, 303);
    },
  );
}

function renderMapping(reply: FastifyReply, upload: StagedUpload, status: number, errors: Record<string, string> = {}) {
  const issues = upload.preview ? headerIssues(upload.preview) : [];
  // What each template column is taken from now: the mapping sent, else the header recognised by its name.
  const { columns } = recognizeHeaders(upload.headers, upload.mapping);
  const selected = new Map<ImportColumn, string>();
  columns.forEach((key, i) => key && selected.set(key, upload.headers[i]));
  const lang = requestLang(reply.request);
  return reply.page(
    'imports/views/mapping',
    {
      upload: { token: upload.token, fileName: upload.fileName },
      issues,
      headers: upload.headers,
      columns: TEMPLATE_COLUMNS.map((c) => {
        const required = c.key === 'document' || c.key === 'quantity';
        return {
          key: c.key,
          label: lang === 'en' ? c.en : c.pt,
          required,
          selected: selected.get(c.key) ?? '',
          error:
            errors[c.key] ??
            (required && !selected.has(c.key)
              ? tr(reply.request)('imports.error.mappingRequired', { column: lang === 'en' ? c.en : c.pt })
              : ''),
        };
      }),
    },
    { status, title: 'imports.mapping.title' },
  );
}

function renderPreview(
  reply: FastifyReply,
  upload: StagedUpload,
  query: { dp?: string; ep?: string },
  status: number,
  issueError?: string,
) {
  const preview = upload.preview!;
  const base = `/console/imports/uploads/${upload.token}?`;
  const documents = pageOf(preview.documents, query.dp, DOCUMENTS_PER_PAGE);
  const errors = pageOf(preview.errors, query.ep, ERRORS_PER_PAGE);
  return reply.page(
    'imports/views/preview',
    {
      upload: {
        token: upload.token,
        fileName: upload.fileName,
        issueValid: upload.issueValid,
        sendEmail: upload.sendEmail,
      },
      preview: {
        rows: preview.rows,
        documentCount: preview.documentCount,
        valid: preview.documents.length,
        grossTotal: preview.documents.reduce((s: Decimal, d) => s.plus(d.grossTotal), ZERO).toFixed(2),
      },
      documents,
      errors,
      documentsBase: `${base}ep=${errors.page}&`,
      errorsBase: `${base}dp=${documents.page}&`,
      issueError,
    },
    { status, title: 'imports.preview.title' },
  );
}
