import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import { STATUS_BY_CODE } from '../../http/error-status.js';
import { renderPage, type Renderer } from './render.js';
import { wantsJson } from './session-hook.js';

const PAGE_STATUSES = new Set([400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503]);

/** The status of an error: a DomainError's by its code, a 4xx of Fastify or a plugin as is, anything else 500. */
export function statusOf(err: unknown): number {
  if (err instanceof DomainError) return STATUS_BY_CODE[err.code] ?? 400;
  const s = (err as FastifyError | undefined)?.statusCode;
  if (typeof s === 'number' && s >= 400 && s < 500) return s;
  return 500;
}

/** Sends the error page (or, to a script, `{error: {code, message, details}}`) with the error's status. */
export function sendError(
  renderer: Renderer,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  err?: unknown,
): FastifyReply {
  const domain = err instanceof DomainError ? err : undefined;
  const retryAfter = Number(domain?.meta.retryAfterSeconds ?? reply.getHeader('retry-after')) || 60;
  if (status === 429) reply.header('retry-after', retryAfter);
  if (wantsJson(request)) {
    return reply
      .status(status)
      .header('cache-control', 'no-store')
      .send({
        error: {
          code: domain?.code ?? (status === 404 ? 'not_found' : status >= 500 ? 'internal' : 'bad_request'),
          message: status >= 500 ? 'Internal error.' : ((err as Error | undefined)?.message ?? ''),
          details: domain?.details ?? [],
        },
      });
  }
  const key = `shell.error.${PAGE_STATUSES.has(status) ? status : status >= 500 ? 500 : 400}`;
  try {
    return renderPage(
      renderer,
      request,
      reply,
      'shell/views/error',
      {
        status,
        messageKey: key,
        seconds: retryAfter,
        // A domain error says what was wrong (the use case's words); other errors are not shown.
        detail: domain && status < 500 ? domain.message : undefined,
        details: domain && status < 500 ? domain.details : [],
      },
      { status, title: 'shell.error.title' },
    );
  } catch (renderErr) {
    request.log.error({ err: renderErr }, 'console error page failed');
    return reply.status(status).type('text/plain; charset=utf-8').send(`Error ${status}`);
  }
}

/** Errors and unknown paths under /console: pages in the user's language, never a stack trace. */
export function installErrorPages(app: FastifyInstance, renderer: Renderer): void {
  app.setErrorHandler((err, request, reply) => {
    const status = statusOf(err);
    if (status >= 500) request.log.error({ err }, 'console request failed');
    return sendError(renderer, request, reply, status, err);
  });
  app.setNotFoundHandler((request, reply) => sendError(renderer, request, reply, 404));
}
