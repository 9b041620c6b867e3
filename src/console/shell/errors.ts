import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import { STATUS_BY_CODE } from '../../http/error-status.js';
import { domainErrorOf } from '../../infra/db/domain-error-of.js';
import { renderPage, type Renderer } from './render.js';
import { wantsJson } from './session-hook.js';

const PAGE_STATUSES = new Set([400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503]);

/**
 * The status of an error: a DomainError's (or a database refusal's, domainErrorOf) by its code, a 4xx of Fastify
 * or a plugin as is, anything else 500.
 */
export function statusOf(err: unknown): number {
  const domain = domainErrorOf(err);
  if (domain) return STATUS_BY_CODE[domain.code] ?? 400;
  const s = (err as FastifyError | undefined)?.statusCode;
  if (typeof s === 'number' && s >= 400 && s < 500) return s;
  return 500;
}

/** Field issues common enough to have the console's own words (shell.error.issue.*). */
const ISSUE_WORDS = new Set(['required', 'invalid', 'out_of_range', 'not_unique', 'unknown']);

/**
 * The console's words for an error code, where they fit every error of that code: any not_found, and a conflict
 * only as the database's unique constraint reports it (other conflicts are refusals of a state, told in their text).
 */
export function errorCodeKey(err: DomainError): string | null {
  if (err.code === 'not_found') return 'shell.error.code.not_found';
  if (err.code === 'conflict' && typeof err.meta.constraint === 'string' && !err.details.length)
    return 'shell.error.code.conflict';
  return null;
}

/**
 * What the error page says of a DomainError: a message key where the code or field issue is a common one (the use
 * case's words are English, and the page is in the user's language), else the use case's text.
 */
export function errorWords(err: DomainError): {
  detail: { key: string | null; text: string } | undefined;
  details: { field: string; key: string | null; text: string }[];
} {
  return {
    // A validation error's own sentence is the heading's (422); its fields say the rest.
    detail: err.code === 'validation' && err.details.length ? undefined : { key: errorCodeKey(err), text: err.message },
    details: err.details.map((d) => ({
      field: d.field,
      key: ISSUE_WORDS.has(d.issue) ? `shell.error.issue.${d.issue}` : null,
      text: d.message || d.issue,
    })),
  };
}

/** Sends the error page (or, to a script, `{error: {code, message, details}}`) with the error's status. */
export function sendError(
  renderer: Renderer,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  err?: unknown,
): FastifyReply {
  // The database's own refusals (a unique or check constraint) are the client's 4xx as in the API.
  const domain = domainErrorOf(err);
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
        // A domain error says what was wrong; other errors are not shown.
        ...(domain && status < 500 ? errorWords(domain) : { detail: undefined, details: [] }),
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
