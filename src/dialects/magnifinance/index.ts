import { normalizeIP } from '@fastify/rate-limit';
import { defineDialect } from '../../http/kit/define-dialect.js';
import { soap } from '../../http/kit/soap/index.js';
import { badTextMessage } from '../../http/kit/text-check.js';
import { type MfRouteConfig, checkEmail, readCredentials } from './auth.js';
import { mfErrorOf } from './domain-errors.js';
import { MfError } from './mf-error.js';
import { MF_OPERATIONS } from './operations/index.js';
import { restResponse } from './response.js';
import { mfSoapServices, operationsAtPath } from './soap-services.js';
import { registerMfRoutes } from './routes.js';
import { registerRestRoutes } from './rest/routes.js';

const operationsAt = operationsAtPath(MF_OPERATIONS);

/**
 * MagniFinance's Billing API as a dialect of the core: the SOAP services `Invoicing` (`/MagniAPI/Invoicing.asmx`,
 * the v1.1 spelling and the `MagniFinanceWS.asmx` alias) and `TaxCommunication`, with WSDLs generated from the
 * operation registry, and the REST twin `/api/v1.1`. Credentials `{Email, Token}`: a user's e-mail and an API key of
 * that user. Served under `/magnifinance` (and at the root of MAGNIFINANCE_PORT).
 */
export const magnifinanceSurface = defineDialect<MfError>({
  name: 'magnifinance',
  prefix: '/magnifinance',
  label: 'MagniFinance',
  credential: (request) => request.mf?.token,
  isPublic: (config) =>
    (config as { soapWsdl?: boolean }).soapWsdl === true || (config as MfRouteConfig).mfPublic === true,
  // A SOAP call's operation is known only from its body: each operation checks its own scope (runMfOperation).
  scopeFor: () => 'read',
  rateLimitKey: (request) =>
    request.principal ? `magnifinance:${request.principal.apiKeyId}` : `magnifinance-ip:${normalizeIP(request.ip)}`,
  refusals: {
    missingCredential: () => MfError.unauthenticated('Authentication is required: Email and Token.'),
    badCredential: () => MfError.unauthenticated('Authentication failed: the token is unknown or revoked.'),
    authLimited: (s) => new MfError(1, `Too many failed authentications from this address; retry in ${s} s.`, [], 429),
    forbidden: (message) => new MfError(1, message),
    badText: (bad) => new MfError(2, `The field ${badTextMessage(bad)}.`),
  },
  errors: {
    own: (err): err is MfError => err instanceof MfError,
    fromDomain: (err, _request, rateLimited) => mfErrorOf(err, rateLimited),
    internal: () => new MfError(14, 'The request could not be processed.', [], 500),
    notFound: () => new MfError(6, 'The requested resource was not found.'),
    send: (reply, _request, err) => reply.status(err.status).send(restResponse({ error: err })),
  },
  body: { json: 'fastify', malformed: () => new MfError(2, 'The request body is not valid JSON.') },
  prepare: async (request) => readCredentials(request, operationsAt),
  texts: (request) => [request.query, request.body],
  routes: async (app, kit) => {
    // After the kit's authentication (its preHandler is registered first): the e-mail must be the key's user's.
    app.addHook('preHandler', (request, reply) => checkEmail(request, reply, kit));
    await registerMfRoutes(app, kit);
    await registerRestRoutes(app, kit, MF_OPERATIONS);
  },
  transport: soap((kit) => mfSoapServices(kit, MF_OPERATIONS)),
});
