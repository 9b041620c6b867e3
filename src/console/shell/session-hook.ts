import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resumeSession, type ResumedSession } from '../../app/console/resume-session.js';
import type { Services } from '../../server/services.js';
import { safeNext, SESSION_COOKIE } from './cookies.js';

/** Pages anyone may open: the sign-in form, the language switch, the static files. */
export function isPublicPath(path: string): boolean {
  return path === '/console/sign-in' || path === '/console/lang' || path.startsWith('/console/assets/');
}

/** A script's request (fetch with the CSRF header, or asking for JSON): answered 401/403 JSON, not a redirect. */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.headers['x-csrf-token'] !== undefined) return true;
  const accept = String(request.headers.accept ?? '');
  return accept.includes('application/json') && !accept.includes('text/html');
}

function attach(request: FastifyRequest, s: ResumedSession): void {
  request.consoleSession = {
    sessionId: s.sessionId,
    accountId: s.accountId,
    userId: s.userId,
    apiKeyId: s.apiKeyId,
    name: s.name,
    scope: s.scope,
  };
  // The Principal that `ctxOf(request)` reads. A password session has no API key: its apiKeyId is the session's
  // id negated, which no key has; the console is not behind the APIs' per-key rate limits that read it.
  request.principal = {
    accountId: s.accountId,
    userId: s.userId,
    apiKeyId: s.apiKeyId ?? -s.sessionId,
    scope: s.scope,
    sandbox: s.sandbox,
    configVersion: s.configVersion,
  };
}

/** Sends an anonymous request to the sign-in page (pages) or answers 401 (scripts). */
export function refuseAnonymous(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (wantsJson(request)) {
    return reply
      .status(401)
      .header('cache-control', 'no-store')
      .send({ error: { code: 'unauthenticated', message: 'Sign in to the console.' } });
  }
  const next = request.method === 'GET' ? safeNext(request.url) : '/console';
  return reply.redirect(`/console/sign-in?next=${encodeURIComponent(next)}`, 303);
}

/** Every console request but the static files: the session of its cookie, or the way to sign in. */
export function installSessionHook(app: FastifyInstance, services: Services): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (path.startsWith('/console/assets/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const s = await resumeSession(services.database.db, new Date(), token);
      if (s) attach(request, s);
    }
    if (request.consoleSession || isPublicPath(path)) return;
    return refuseAnonymous(request, reply);
  });
}
