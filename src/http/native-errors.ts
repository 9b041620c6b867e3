import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { STATUS_BY_CODE } from './error-status.js';
import { toDomainError } from './to-domain-error.js';

export function nativeErrorBody(err: DomainError, requestId: string) {
  return { error: { code: err.code, message: err.message, details: err.details, requestId } };
}

/** The native API's error envelope: `{error:{code, message, details[], requestId}}`; never a 5xx for bad input. */
export function installNativeErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const domain = toDomainError(error);
    if (domain) {
      const status = (error as { statusCode?: number }).statusCode === 429 ? 429 : STATUS_BY_CODE[domain.code];
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(status).send(nativeErrorBody(domain, request.id));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'internal', message: 'Internal error; it has been logged.', details: [], requestId: request.id },
    });
  });
}
