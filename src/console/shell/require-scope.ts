import type { FastifyRequest } from 'fastify';
import { scopeAllows, type ApiKeyScope } from '../../domain/api-key-scope.js';
import { DomainError } from '../../domain/errors.js';

/**
 * Refuses a request whose session may not do `scope` (reads need `read`, writes `issue`, settings and keys `admin`):
 * throws a `forbidden` DomainError, which the shell's error handler shows as the 403 page.
 */
export function requireScope(request: FastifyRequest, scope: ApiKeyScope): void {
  const s = request.consoleSession;
  if (!s) throw new DomainError('unauthenticated', 'Sign in to the console.');
  if (!scopeAllows(s.scope, scope)) throw new DomainError('forbidden', `This needs the ${scope} scope.`);
}
