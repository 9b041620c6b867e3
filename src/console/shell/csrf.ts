import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import csrf from '@fastify/csrf-protection';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A token handed to `csrfValid` by a route (one read from a multipart field). */
const given = new WeakMap<FastifyRequest, string>();

/** What a route sets to check the token itself, from a multipart field, with `csrfValid` (before it acts). */
export const CSRF_IN_MULTIPART = { csrf: 'multipart-field' } as const;

function isMultipart(request: FastifyRequest): boolean {
  return String(request.headers['content-type'] ?? '').startsWith('multipart/form-data');
}

/**
 * The token of a write: the form's `_csrf` field, the `x-csrf-token` header of a fetch, or — for a multipart upload,
 * whose fields are read by its route after this check — the `_csrf` of the form action's query.
 */
function tokenOf(request: FastifyRequest): string | undefined {
  if (given.has(request)) return given.get(request);
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
  const header = request.headers['x-csrf-token'];
  const fromQuery = isMultipart(request) ? (request.query as Record<string, unknown> | undefined)?._csrf : undefined;
  const token = fromBody ?? (typeof header === 'string' ? header : undefined) ?? fromQuery;
  return typeof token === 'string' ? token : undefined;
}

/**
 * Whether `token` is this browser's CSRF token: for a route with `config: CSRF_IN_MULTIPART`, which reads `_csrf`
 * from its multipart body and must refuse (403) before doing anything when this is false.
 */
export function csrfValid(request: FastifyRequest, _reply: FastifyReply, token: string | undefined): boolean {
  given.set(request, token ?? '');
  let ok = false;
  const sink = { send: () => sink } as unknown as FastifyReply;
  try {
    request.server.csrfProtection(request, sink, () => {
      ok = true;
    });
  } finally {
    given.delete(request);
  }
  return ok;
}

/**
 * @fastify/csrf-protection with its secret in an httpOnly, SameSite=Strict cookie (Path=/console), checked before
 * the handler of every POST/PUT/PATCH/DELETE. A multipart route that declares `CSRF_IN_MULTIPART` and sends no
 * header or query token checks its form field itself with `csrfValid`.
 */
export async function installCsrf(scope: FastifyInstance): Promise<void> {
  await scope.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'console_csrf',
    cookieOpts: { path: '/console', sameSite: 'strict', httpOnly: true },
    getToken: tokenOf,
  });
  scope.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method)) return done();
    const config = request.routeOptions.config as { csrf?: string } | undefined;
    if (config?.csrf === CSRF_IN_MULTIPART.csrf && isMultipart(request) && tokenOf(request) === undefined)
      return done();
    scope.csrfProtection(request, reply, done);
  });
}
