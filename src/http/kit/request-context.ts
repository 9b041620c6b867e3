import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../app/accounts/authenticate-api-key.js';
import type { Ctx } from '../../app/context.js';
import { DomainError } from '../../domain/errors.js';
import { issuedHook } from '../metrics.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('unauthenticated', 'A valid API key is required.');
  return request.principal;
}

/** The use-case context of a request: its account, its user, and the instant it is handled. */
export function ctxOf(request: FastifyRequest): Ctx {
  const p = principalOf(request);
  return {
    accountId: p.accountId,
    userId: p.userId,
    now: new Date(),
    configVersion: p.configVersion,
    issued: issuedHook(request),
  };
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  return m ? m[1].trim() : undefined;
}

export { issuedHook };
