import type { FastifyRequest } from 'fastify';
import type { ApiKeyScope } from '../../domain/api-key-scope.js';
import { safeJson } from '../../http/kit/body.js';
import { defineDialect } from '../../http/kit/define-dialect.js';
import { badTextMessage } from '../../http/kit/text-check.js';
import { type IxRouteConfig, makeRoute } from './context.js';
import { formatOf, fromDomainError, sendIxError } from './error-envelope.js';
import { IxError } from './ix-error.js';
import { parseXmlBody } from './xml.js';
import { registerIxRoutes } from './routes/index.js';

/** Reads need a read key, writes an issue key (no route here manages keys or settings); a client's invoices are
 * listed by POST as well as GET. */
function ixScopeFor(method: string, url: string): ApiKeyScope {
  return method === 'GET' || method === 'HEAD' || /\/clients\/:id\/invoices\.(json|xml)$/.test(url) ? 'read' : 'issue';
}

/**
 * InvoiceXpress's API (v2 JSON and legacy v1 XML) as a dialect of the core: `<prefix>/invoices.json?api_key=…`.
 * Requests map onto use cases; answers take InvoiceXpress's shapes (doc-typed root and generic root), errors its envelope.
 */
export const invoicexpressSurface = defineDialect<IxError>({
  name: 'invoicexpress',
  prefix: '/invoicexpress',
  label: 'InvoiceXpress',
  credential: (request) => {
    const key = (request.query as Record<string, unknown> | undefined)?.api_key;
    return typeof key === 'string' && key ? key : undefined;
  },
  scopeFor: ixScopeFor,
  // Per account, as InvoiceXpress counts (the key is known by then: every route needs one).
  rateLimitKey: (request) => `ix:${request.principal?.accountId}`,
  refusals: {
    missingCredential: () => new IxError(401, ['Access denied: the api_key parameter is missing']),
    badCredential: () => new IxError(401, ['Access denied: the api_key parameter is incorrect']),
    authLimited: (s) =>
      new IxError(429, [`Too many requests: too many failed authentications from this address; retry in ${s} s`]),
    forbidden: (message) => new IxError(403, [`Access denied: ${message}`]),
    badText: (bad) => {
      const field = [...bad.path].reverse().find((p) => typeof p === 'string') ?? 'body';
      return new IxError(422, [`${field} ${badTextMessage(bad)}`]);
    },
    rateLimited: () =>
      new IxError(429, ['Too many requests: the limit is per account per minute; retry after the time in Retry-After']),
  },
  errors: {
    own: (err): err is IxError => err instanceof IxError,
    fromDomain: (err, request, rateLimited) =>
      rateLimited
        ? new IxError(429, ['Too many requests'])
        : fromDomainError(err, (request.routeOptions?.config ?? {}) as IxRouteConfig),
    internal: () => new IxError(500, ['Internal error']),
    notFound: () => new IxError(404, ['Not found']),
    send: (reply, request, err) => sendIxError(reply, formatOf(request), err),
  },
  // JSON (an empty body reads as {}), XML (v1 and seed 002), and JSON sent under a form content type (curl -d).
  body: {
    json: safeJson,
    xml: parseXmlBody,
    other: (text) => {
      if (/^\s*</.test(text)) return parseXmlBody(text);
      if (!/^\s*[[{]/.test(text)) return Object.fromEntries(new URLSearchParams(text));
      return safeJson(text);
    },
    malformed: (err) => (err instanceof IxError ? err : new IxError(422, ['The JSON body is not well formed'])),
  },
  texts: (request: FastifyRequest) => [request.query, request.body],
  routes: (app, kit) => registerIxRoutes(makeRoute(app, kit)),
});
