import type { FastifyRequest } from 'fastify';
import { normalizeIP } from '@fastify/rate-limit';
import { DomainError } from '../../domain/errors.js';
import { defineDialect } from '../../http/kit/define-dialect.js';
import { bearerToken } from '../../http/kit/request-context.js';
import { badTextMessage } from '../../http/kit/text-check.js';
import { BODY_LIMIT } from '../../http/kit/body.js';
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

const routeConfig = (request: FastifyRequest) => (request.routeOptions?.config ?? {}) as BillptRouteConfig;

/**
 * The bill.pt API 1.0 as a dialect of the core: `<prefix>/api/1.0/...` and the PDF at
 * `<prefix>/documentos/download/{id}/{token}`. Requests map onto use cases; answers and errors take bill.pt's shapes.
 */
export const billptSurface = defineDialect<BillptError>({
  name: 'billpt',
  prefix: '/billpt',
  label: 'bill.pt',
  // Every bill.pt SDK posts receipts to `recibos/`; the service answers with or without the slash.
  trailingSlash: 'ignore',
  // The token in the query string or the body (JSON or form, on any method), else a Bearer header.
  credential: (request) => request.billpt?.token,
  isPublic: (config) => (config as BillptRouteConfig).billptAuth === false,
  scopeFor: billptScopeFor,
  // Authenticated calls count per key, however the token was sent; login and the PDF link per address.
  rateLimitKey: (request) =>
    request.principal ? `billpt:${request.principal.apiKeyId}` : `billpt-ip:${normalizeIP(request.ip)}`,
  refusals: {
    missingCredential: () => new BillptError(401, ['202']),
    badCredential: () => new BillptError(401, ['208']),
    authLimited: (s) =>
      new BillptError(429, ['429'], `Too many failed authentications from this address; retry in ${s} s.`),
    forbidden: (message) => new DomainError('forbidden', message),
    badText: (bad) => new BillptError(422, [`9.${bad.path.join('.')}`], `The field ${badTextMessage(bad)}.`),
  },
  errors: {
    own: (err): err is BillptError => err instanceof BillptError,
    fromDomain: (err, request, rateLimited) => {
      if (rateLimited) return new BillptError(429, ['429'], err.message);
      const cfg = routeConfig(request);
      return fromDomainError(err, cfg.billptFields ?? {}, cfg.billptDocField);
    },
    internal: () => new BillptError(500, ['0']),
    notFound: () => new BillptError(404, ['404']),
    send: (reply, _request, err) => reply.status(err.status).send({ error: err.codes }),
  },
  // Bodies on any method: JSON (an empty one reads as {}), and forms with PHP's bracket keys.
  body: { json: 'fastify', form: parseForm },
  // Query string and body merged into one set of fields; the token and the method override taken out.
  prepare: async (request) => {
    const body = request.method === 'GET' || request.method === 'HEAD' ? await readBodylessBody(request) : request.body;
    const params = mergeParams(expandBrackets(request.query as Record<string, unknown>), body);
    const fromBody = typeof params.api_token === 'string' && params.api_token ? params.api_token : undefined;
    delete params.api_token;
    delete params.method;
    request.billpt = { params, token: fromBody ?? bearerToken(request) };
  },
  texts: (request) => [request.billpt?.params],
  routes: async (app, kit) => {
    await app.register(
      async (api) => {
        const route = makeRoute(api, kit);
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
        emailRoutes(route, () => kit.services.email());
      },
      { prefix: '/api/1.0' },
    );
    downloadRoutes(makeRoute(app, kit));
  },
});
