import multipart from '@fastify/multipart';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import { defineDialect } from '../../http/kit/define-dialect.js';
import { bearerToken } from '../../http/kit/request-context.js';
import { badTextMessage } from '../../http/kit/text-check.js';
import { resolveBearer } from './bearer.js';
import { BillitError, billitErrorOf } from './billit-error.js';
import { parseBillitJson } from './json-body.js';
import { type BillitRouteConfig, headerOf, makeRoute } from './context.js';
import { registerRootRoutes, registerV1Routes } from './routes/index.js';
import { billitScopeFor } from './scopes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key a Billit request authenticates with: its `ApiKey` header, or the key behind its bearer token. */
    billitCredential?: string;
  }
}

/** `a=1&b=2` (OAuth2's token requests) as an object; repeated names keep the last value. */
function parseForm(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) if (k !== '__proto__' && k !== 'constructor') out[k] = v;
  return out;
}

/** Where Billit's clients reach the API: `<prefix>/v1/…`, and `<prefix>/v1/v1/…` for a base URL given with `/v1`. */
const MOUNTS = ['/v1', '/v1/v1'];

/**
 * Billit's API (`https://api.billit.be/v1/...`) as a dialect of the core, over the Belgian regime: orders
 * (invoices, credit notes…), parties, products, files, Peppol and webhooks, in Billit's field names and error
 * envelope. Served under `/billit` (and at the root of BILLIT_PORT).
 */
export const billitSurface = defineDialect<BillitError>({
  name: 'billit',
  prefix: '/billit',
  label: 'Billit',
  // `ApiKey` (any case: Node lower-cases header names), else `Authorization: Bearer` (an API key or a token).
  credential: (request) => request.billitCredential ?? headerOf(request, 'ApiKey') ?? bearerToken(request),
  isPublic: (config) => (config as BillitRouteConfig).billitAuth === false,
  scopeFor: billitScopeFor,
  rateLimitKey: (request: FastifyRequest) =>
    request.principal ? `billit:${request.principal.apiKeyId}` : `billit-ip:${normalizeIP(request.ip)}`,
  refusals: {
    missingCredential: () => BillitError.unauthorized(),
    badCredential: () => BillitError.unauthorized(),
    authLimited: (s) =>
      BillitError.tooManyRequests(`Too many failed authentications from this address; retry in ${s} s.`),
    forbidden: (message) => new DomainError('forbidden', message),
    badText: (bad) => BillitError.bad('InvalidValue', `The field ${badTextMessage(bad)}.`),
  },
  errors: {
    own: (err): err is BillitError => err instanceof BillitError,
    fromDomain: (err, _request, rateLimited) =>
      rateLimited ? BillitError.tooManyRequests(err.message) : billitErrorOf(err),
    internal: () => BillitError.internal(),
    notFound: () => BillitError.notFound(),
    send: (reply, _request, err) => reply.status(err.status).send(err.body),
  },
  body: {
    json: parseBillitJson,
    form: parseForm,
    malformed: () => BillitError.generic('The request body is not valid JSON.'),
  },
  texts: (request) => [request.query, request.body],
  routes: async (app, kit) => {
    // A bearer access token is traded for its API key before the kit authenticates (preHandler).
    app.addHook('preValidation', (request) => resolveBearer(request, kit));
    // multipart/form-data for POST /v1/documents (an upload); the route sets the size limits when it reads the parts.
    await app.register(multipart);
    for (const mount of MOUNTS) {
      await app.register(
        async (api) => {
          const route = makeRoute(api, kit, mount);
          registerV1Routes(route);
          registerRootRoutes(route);
        },
        { prefix: mount },
      );
    }
    registerRootRoutes(makeRoute(app, kit, '/v1'));
  },
});
