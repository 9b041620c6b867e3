import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import { authenticateApiKey } from '../../app/accounts/authenticate-api-key.js';
import type { AtDeps } from '../../app/at/ports.js';
import type { EmailDeps } from '../../app/email/ports.js';
import { DomainError } from '../../domain/errors.js';
import { authFailureLimit } from '../../http/auth-limit.js';
import { badTextMessage, findBadText } from '../../http/text-check.js';
import { scopeRefusal } from '../../http/native-scopes.js';
import { type ApiKeyScope, scopeAllows } from '../../domain/api-key-scope.js';
import type { DB } from '../../infra/db/schema.js';
import { TransactionBatcher } from '../../infra/db/transaction-batcher.js';
import { createAtDeps } from '../../integrations/at/runtime.js';
import { createEmailDeps } from '../../integrations/email/runtime.js';
import { type IxDeps, makeRoute } from './context.js';
import { formatOf, ixErrorReply, sendIxError } from './error-envelope.js';
import { IxError } from './ix-error.js';
import { parseXmlBody } from './xml.js';
import { registerIxRoutes } from './routes/index.js';

export interface InvoicexpressDialectOptions {
  db: Kysely<DB>;
  config: Config;
  dbKind: 'pglite' | 'postgres';
  /** Where the dialect is served, for permalinks and PDF URLs: `<PUBLIC_URL>/invoicexpress`, or the own port's URL. */
  baseUrl: string;
}

/** Requests per minute per account (InvoiceXpress documents 780), unless INVOICEXPRESS_RATE_LIMIT_PER_MINUTE says otherwise. */
export const IX_DEFAULT_RATE_LIMIT = 780;

/** Reads need a read key, writes an issue key (no route here manages keys or settings); a client's invoices are
 * listed by POST as well as GET. */
function ixScopeFor(method: string, url: string): ApiKeyScope {
  return method === 'GET' || method === 'HEAD' || /\/clients\/:id\/invoices\.(json|xml)$/.test(url) ? 'read' : 'issue';
}
const BODY_LIMIT = 5 * 1024 * 1024;

function safeJson(text: string): unknown {
  return JSON.parse(text, (k, v) => (k === '__proto__' || k === 'constructor' ? undefined : v));
}

/**
 * InvoiceXpress's API (v2 JSON and legacy v1 XML) as a dialect of the core: `<prefix>/invoices.json?api_key=…`.
 * Requests map onto use cases; answers take InvoiceXpress's shapes (doc-typed root and generic root), errors its envelope.
 */
export const invoicexpressDialect: FastifyPluginAsync<InvoicexpressDialectOptions> = async (app, opts) => {
  let at: AtDeps | undefined;
  let email: EmailDeps | undefined;
  const deps: IxDeps = {
    db: opts.db,
    config: opts.config,
    batcher: new TransactionBatcher(opts.db, { onBatch: (n) => app.metrics?.observeBatch(n) }),
    baseUrl: opts.baseUrl.replace(/\/$/, ''),
    at: () => (at ??= createAtDeps(opts.config, opts.dbKind, app.metrics)),
    email: () => (email ??= createEmailDeps(opts.config, opts.dbKind)),
  };

  // JSON (an empty body reads as {}), XML (v1 and seed 002), and JSON sent under a form content type (curl -d).
  app.removeAllContentTypeParsers();
  const parseText =
    (type: 'json' | 'xml' | 'form') =>
    (_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void) => {
      const text = String(body);
      try {
        if (!text.trim()) return done(null, {});
        if (type === 'xml' || (type === 'form' && /^\s*</.test(text))) return done(null, parseXmlBody(text));
        if (type === 'form' && !/^\s*[[{]/.test(text)) return done(null, Object.fromEntries(new URLSearchParams(text)));
        return done(null, safeJson(text));
      } catch (err) {
        return done(err instanceof IxError ? err : new IxError(422, ['The JSON body is not well formed']));
      }
    };
  app.addContentTypeParser(['application/json'], { parseAs: 'string', bodyLimit: BODY_LIMIT }, parseText('json'));
  app.addContentTypeParser(
    ['application/xml', 'text/xml'],
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    parseText('xml'),
  );
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, parseText('form'));

  app.setErrorHandler((error, request, reply) => ixErrorReply(error, request, reply));
  app.setNotFoundHandler((request, reply) => sendIxError(reply, formatOf(request), new IxError(404, ['Not found'])));

  // The key is in the query string on every call; the limit counts per account, as InvoiceXpress's does, once the
  // key is known. Failed authentications count per address, and an address past their limit gets 429 at once.
  const limit = app.rateLimit({
    max: opts.config.invoicexpressRateLimitPerMinute ?? IX_DEFAULT_RATE_LIMIT,
    timeWindow: 60_000,
    keyGenerator: (request) => `ix:${request.principal?.accountId}`,
    errorResponseBuilder: () =>
      new IxError(429, ['Too many requests: the limit is per account per minute; retry after the time in Retry-After']),
  });
  const guarded = authFailureLimit(app, {
    max: opts.config.authFailuresPerMinute,
    limited: (s) =>
      new IxError(429, [`Too many requests: too many failed authentications from this address; retry in ${s} s`]),
    isFailure: (err) => err instanceof IxError && err.status === 401,
  });
  app.addHook('preHandler', async (request, reply) => {
    if (request.is404) return;
    request.principal = await guarded(request, reply, async () => {
      const key = (request.query as Record<string, unknown> | undefined)?.api_key;
      if (typeof key !== 'string' || !key) throw new IxError(401, ['Access denied: the api_key parameter is missing']);
      try {
        return await authenticateApiKey(opts.db, key);
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'unauthenticated')) throw err;
        throw new IxError(401, ['Access denied: the api_key parameter is incorrect']);
      }
    });
    await limit.call(app, request, reply);
    const need = ixScopeFor(request.method, request.routeOptions.url ?? '');
    if (!scopeAllows(request.principal.scope, need))
      throw new IxError(403, [`Access denied: ${scopeRefusal(request.principal.scope, need)}`]);
    const bad = findBadText(request.query) ?? findBadText(request.body);
    if (bad) {
      const field = [...bad.path].reverse().find((p) => typeof p === 'string') ?? 'body';
      throw new IxError(422, [`${field} ${badTextMessage(bad)}`]);
    }
  });

  registerIxRoutes(makeRoute(app, deps));
};
