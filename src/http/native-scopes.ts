import type { FastifyRequest } from 'fastify';
import { type ApiKeyScope, scopeAllows } from '../domain/api-key-scope.js';
import { DomainError } from '../domain/errors.js';
import { scopeRefusal } from './kit/scopes.js';

/** Native routes that need an admin key whatever the method: keys, webhooks, AT credentials, SMTP. */
const ADMIN_ROUTES = [
  /^\/api-keys(\/|$)/,
  /^\/webhooks(\/|$)/,
  /^\/at\/(settings|test-connection)$/,
  /^\/email\/(smtp|test)$/,
];
/** …and the account's settings, which any key may read. */
const ADMIN_WRITES = [/^\/account(\/|$)/, /^\/email\/templates(\/|$)/];

/** POSTs that change nothing: a read key may send them. */
const READ_POSTS = [/^\/einvoices\/validate$/];

/** The scope a native route needs: admin for the routes above, read for the other GETs, issue for any other write. */
export function nativeScopeFor(method: string, url: string): ApiKeyScope {
  const path = url.replace(/^\/v1(?=\/)/, '');
  if (ADMIN_ROUTES.some((r) => r.test(path))) return 'admin';
  const reads = method === 'GET' || method === 'HEAD' || (method === 'POST' && READ_POSTS.some((r) => r.test(path)));
  if (!reads && ADMIN_WRITES.some((r) => r.test(path))) return 'admin';
  return reads ? 'read' : 'issue';
}

/** Refuses (403 forbidden) a request its key's scope does not cover. */
export function requireNativeScope(request: FastifyRequest): void {
  const principal = request.principal;
  if (!principal) return;
  const need = nativeScopeFor(request.method, request.routeOptions.url ?? request.url);
  if (!scopeAllows(principal.scope, need))
    throw new DomainError('forbidden', scopeRefusal(principal.scope, need), [], {
      scope: principal.scope,
      needs: need,
    });
}
