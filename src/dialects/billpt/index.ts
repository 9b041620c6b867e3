import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { normalizeIP } from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import { authenticateApiKey } from '../../app/accounts/authenticate-api-key.js';
import { DomainError } from '../../domain/errors.js';
import type { DB } from '../../infra/db/schema.js';
import { TransactionBatcher } from '../../infra/db/transaction-batcher.js';
import { createAtDeps } from '../../integrations/at/runtime.js';
import { createEmailDeps } from '../../integrations/email/runtime.js';
import type { EmailDeps } from '../../app/email/ports.js';
import type { AtDeps } from '../../app/at/ports.js';
import { toDomainError } from '../../http/to-domain-error.js';
import { bearerToken } from '../../http/request-context.js';
import { authFailureLimit } from '../../http/auth-limit.js';
import { badTextMessage, findBadText } from '../../http/text-check.js';
import { scopeRefusal } from '../../http/native-scopes.js';
import { scopeAllows } from '../../domain/api-key-scope.js';
import { billptScopeFor } from './scopes.js';
import { BillptError } from './billpt-error.js';
import { type BillptRouteConfig, makeRoute } from './context.js';
import { fromDomainError } from './error-codes.js';
import { expandBrackets, mergeParams, parseForm } from './params.js';
import { atRoutes } from './routes/at.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { contactRoutes } from './routes/contacts.routes.js';
import { documentRoutes } from './routes/documents.routes.js';
import { downloadRoutes } from './routes/download.routes.js';
import { emailRoutes } from './routes/email.routes.js';
import { itemRoutes } from './routes/items.routes.js';
import { pendingRoutes } from './routes/pending.routes.js';
import { receiptRoutes } from './routes/receipts.routes.js';
import { referenceRoutes } from './routes/reference.routes.js';
import { settingsRoutes } from './routes/settings.routes.js';
import { stockRoutes } from './routes/stock.routes.js';

export interface BillptDialectOptions {
  db: Kysely<DB>;
  config: Config;
  dbKind: 'pglite' | 'postgres';
}

/** Requests per minute per token (seed 001: 100), unless BILLPT_RATE_LIMIT_PER_MINUTE says otherwise. */
export const BILLPT_DEFAULT_RATE_LIMIT = 100;
const BODY_LIMIT = 5 * 1024 * 1024;

/** GET bodies are not parsed by Fastify; the bill.pt SDKs send `api_token` in one, so it is read here. */
async function readBodylessBody(request: FastifyRequest): Promise<unknown> {
  const length = Number(request.headers['content-length'] ?? 0);
  if (!length && !request.headers['transfer-encoding']) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.raw) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new BillptError(413, ['9.body']);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = String(request.headers['content-type'] ?? '');
  if (/x-www-form-urlencoded/i.test(type)) return parseForm(text);
  if (!text.trim()) return undefined;
  if (/json/i.test(type) || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text, (k, v) => (k === '__proto__' || k === 'constructor' ? undefined : v));
    } catch {
      throw new BillptError(400, ['9.body']);
    }
  }
  return undefined;
}

function errorReply(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const cfg = (request.routeOptions?.config ?? {}) as BillptRouteConfig;
  let out: BillptError | undefined;
  if (error instanceof BillptError) out = error;
  else {
    const domain = toDomainError(error);
    if (domain)
      out =
        (error as { statusCode?: number }).statusCode === 429
          ? new BillptError(429, ['429'], domain.message)
          : fromDomainError(domain, cfg.billptFields ?? {}, cfg.billptDocField);
  }
  if (!out) {
    request.log.error({ err: error }, 'bill.pt request failed');
    return reply.status(500).send({ error: ['0'] });
  }
  return reply.status(out.status).send({ error: out.codes });
}

/**
 * The bill.pt API 1.0 as a dialect of the core: `<prefix>/api/1.0/...` and the PDF at
 * `<prefix>/documentos/download/{id}/{token}`. Requests map onto use cases; answers and errors take bill.pt's shapes.
 */
export const billptDialect: FastifyPluginAsync<BillptDialectOptions> = async (app, opts) => {
  let at: AtDeps | undefined;
  let email: EmailDeps | undefined;
  const guarded = authFailureLimit(app, {
    max: opts.config.authFailuresPerMinute,
    limited: (s) =>
      new BillptError(429, ['429'], `Too many failed authentications from this address; retry in ${s} s.`),
    isFailure: (err) => err instanceof BillptError && err.status === 401,
  });
  const deps = {
    guardAuth: guarded,
    db: opts.db,
    config: opts.config,
    batcher: new TransactionBatcher(opts.db, { onBatch: (n) => app.metrics?.observeBatch(n) }),
    at: () => (at ??= createAtDeps(opts.config, opts.dbKind, app.metrics)),
  };

  // Bodies on any method: JSON (an empty one reads as {}), and forms with PHP's bracket keys.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (req, body, done) => {
    if (!String(body).trim()) return done(null, {});
    json(req, body as string, done);
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (_req, body, done) => done(null, parseForm(String(body))),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => errorReply(error, request, reply));
  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: ['404'] }));

  app.addHook('preValidation', async (request) => {
    const body = request.method === 'GET' || request.method === 'HEAD' ? await readBodylessBody(request) : request.body;
    const params = mergeParams(expandBrackets(request.query as Record<string, unknown>), body);
    const fromBody = typeof params.api_token === 'string' && params.api_token ? params.api_token : undefined;
    delete params.api_token;
    delete params.method;
    request.billpt = { params, token: fromBody ?? bearerToken(request) };
  });

  // Authenticated calls count per key, after authentication (however the token was sent); the routes without a
  // key (login, the PDF link) per address; failed authentications per address too, before any of them.
  const max = opts.config.billptRateLimitPerMinute ?? BILLPT_DEFAULT_RATE_LIMIT;
  const limit = app.rateLimit({
    max,
    timeWindow: 60_000,
    keyGenerator: (request) =>
      request.principal ? `billpt:${request.principal.apiKeyId}` : `billpt-ip:${normalizeIP(request.ip)}`,
  });
  app.addHook('preHandler', async (request, reply) => {
    if (request.is404) return;
    const cfg = (request.routeOptions.config ?? {}) as BillptRouteConfig;
    if (cfg.billptAuth !== false) {
      request.principal = await guarded(request, reply, async () => {
        const token = request.billpt?.token;
        if (!token) throw new BillptError(401, ['202']);
        try {
          return await authenticateApiKey(opts.db, token);
        } catch (err) {
          if (err instanceof DomainError && err.code === 'unauthenticated') throw new BillptError(401, ['208']);
          throw err;
        }
      });
    }
    await limit.call(app, request, reply);
    if (request.principal) {
      const need = billptScopeFor(request.method, request.routeOptions.url ?? '');
      if (!scopeAllows(request.principal.scope, need))
        throw new DomainError('forbidden', scopeRefusal(request.principal.scope, need));
    }
    const bad = findBadText(request.billpt?.params);
    if (bad) throw new BillptError(422, [`9.${bad.path.join('.')}`], `The field ${badTextMessage(bad)}.`);
  });

  await app.register(
    async (api) => {
      const route = makeRoute(api, deps);
      authRoutes(route);
      referenceRoutes(route);
      settingsRoutes(route);
      contactRoutes(route);
      itemRoutes(route);
      documentRoutes(route);
      receiptRoutes(route);
      stockRoutes(route);
      pendingRoutes(route);
      atRoutes(route);
      emailRoutes(route, () => (email ??= createEmailDeps(opts.config, opts.dbKind)));
    },
    { prefix: '/api/1.0' },
  );
  downloadRoutes(makeRoute(app, deps));
};
