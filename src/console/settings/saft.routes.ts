import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTransaction } from '../../app/context.js';
import { findSaftFileByToken } from '../../app/saft/find-saft-file-by-token.js';
import { saftFileStream } from '../../app/saft/saft-file-chunks.js';
import { getSaftAccount } from '../../app/saft/get-saft-account.js';
import { getSaftFile } from '../../app/saft/get-saft-file.js';
import { getSaftFileStatus, type SaftFileStatus } from '../../app/saft/get-saft-file-status.js';
import { listSaftFiles } from '../../app/saft/list-saft-files.js';
import { requestSaftFile } from '../../app/saft/request-saft-file.js';
import { saftFingerprint } from '../../app/saft/saft-fingerprint.js';
import { DomainError } from '../../domain/errors.js';
import { checkSaftIssuer } from '../../exports/saft/header.js';
import { saftPeriod, type SaftPeriod } from '../../exports/saft/period.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { type FieldErrors, fieldErrorsOf, formOf, idParam, text } from './form.js';

/** What the progress script polls (GET /console/saft/:id with Accept: application/json). */
export function saftStatusJson(s: SaftFileStatus) {
  return {
    id: s.id,
    from: s.from,
    to: s.to,
    state: s.state,
    requestedAt: s.requestedAt,
    generatedAt: s.generatedAt,
    fileName: s.fileName,
    size: s.size,
    attempts: s.attempts,
    lastError: s.lastError,
    downloadUrl: s.state === 'ready' ? `/console/saft/${s.id}/download` : null,
  };
}

/**
 * SAF-T (PT) export of a period through the background file flow (request-saft-file: the outbox makes the file):
 * request it, follow its progress (a script polls; without scripts, a refresh link), download it when ready.
 */
export async function saftRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;

  const index = async (
    request: FastifyRequest,
    reply: FastifyReply,
    opts: {
      status?: number;
      errors?: FieldErrors;
      values?: Record<string, string>;
      problem?: { code: string; message: string } | null;
    } = {},
  ) => {
    const now = ctxOf(request).now;
    // The last month by default: the one due at AT.
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    return reply.page(
      'settings/views/saft',
      {
        files: await listSaftFiles(db, ctxOf(request).accountId),
        errors: opts.errors ?? {},
        values: opts.values ?? {
          kind: 'month',
          year: String(last.getUTCFullYear()),
          month: String(last.getUTCMonth() + 1),
          from: '',
          to: '',
        },
        years: Array.from({ length: 8 }, (_, i) => now.getUTCFullYear() - i),
        problem: opts.problem ?? null,
      },
      { status: opts.status, title: 'settings.saft.title' },
    );
  };

  app.get('/saft', (request, reply) => index(request, reply));

  app.post('/saft', async (request, reply) => {
    const form = formOf(request);
    const values = {
      kind: text(form, 'kind') === 'range' ? 'range' : 'month',
      year: text(form, 'year').trim(),
      month: text(form, 'month').trim(),
      from: text(form, 'from').trim(),
      to: text(form, 'to').trim(),
    };
    const accountId = ctxOf(request).accountId;
    let period: SaftPeriod;
    try {
      period = saftPeriod(
        values.kind === 'range' ? { from: values.from, to: values.to } : { year: values.year, month: values.month },
      );
    } catch (err) {
      const errors = fieldErrorsOf(err);
      if (!errors) throw err;
      return index(request, reply, { status: 422, errors, values });
    }
    try {
      checkSaftIssuer(await getSaftAccount(db, accountId));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return index(request, reply, { status: 409, values, problem: { code: err.code, message: err.message } });
    }
    const id = await inTransaction(db, async (tx) => {
      const file = await getSaftFile(tx, accountId, period);
      // A file made from the period's documents as they are now is served as it is; otherwise it is made again.
      if (file?.status === 'ready' && file.fingerprint === (await saftFingerprint(tx, accountId, period)))
        return file.id;
      return requestSaftFile(tx, accountId, period);
    });
    services.pokeWorker();
    return reply.redirect(`/console/saft/${id}`, 303);
  });

  app.get('/saft/:id', async (request, reply) => {
    const status = await getSaftFileStatus(db, ctxOf(request).accountId, idParam(request));
    const json = saftStatusJson(status);
    reply.header('cache-control', 'no-store');
    if (/application\/json/.test(request.headers.accept ?? '')) return reply.send(json);
    return reply.page('settings/views/saft-file', { file: json }, { title: 'settings.saft.title' });
  });

  app.get('/saft/:id/download', async (request, reply) => {
    const status = await getSaftFileStatus(db, ctxOf(request).accountId, idParam(request));
    const file = await findSaftFileByToken(db, status.id, status.downloadToken);
    return reply
      .type('application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('content-length', String(file.size))
      .header('cache-control', 'private, no-store')
      .send(saftFileStream(db, file));
  });
}
