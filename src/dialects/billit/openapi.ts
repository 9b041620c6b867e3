import type { DialectDescription } from '../../http/kit/openapi.js';

/** One line per operation of routes/*.ts (path after `/billit`); a new route without a line fails its test. */
const SUMMARIES: Record<string, string> = {
  'POST /OAuth2/token': 'Get an access token (client credentials, authorization code or refresh token)',
  'POST /OAuth2/revoke': 'Revoke an access or refresh token',
  'GET /v1/account/accountInformation': 'The company behind the key, with its parties',
  'POST /v1/account/sequences': 'The next number of a sequence (not reserved)',
  'GET /v1/documents': 'List the uploaded documents',
  'POST /v1/documents': 'Upload a document (multipart or JSON)',
  'GET /v1/documents/{id}': 'Get one uploaded document',
  'GET /v1/files/{id}': 'Get a file’s metadata and content',
  'GET /v1/files/{id}/download': 'Download a file’s bytes',
  'GET /v1/misc/typecodes/{type}': 'List the type codes of a type',
  'GET /v1/misc/typecodes/{type}/{key}': 'Get one type code',
  'GET /v1/orders': 'List orders (OData $filter, $top, $skip, $orderby)',
  'POST /v1/orders': 'Create an order (invoice, credit note…)',
  'GET /v1/orders/deleted': 'List the orders deleted through Billit',
  'GET /v1/orders/{id}': 'Get one order in full',
  'PATCH /v1/orders/{id}': 'Update an order’s flags (Paid, IsSent…)',
  'DELETE /v1/orders/{id}': 'Delete a draft, or cancel an unsent order',
  'POST /v1/orders/{id}/payments': 'Record a payment of an order',
  'PUT /v1/orders/{id}/bookingEntries': 'Replace an order’s booking entries',
  'POST /v1/orders/{id}/booking': 'Add booking entries to an order',
  'POST /v1/orders/commands/send': 'Send orders (Peppol, e-mail…)',
  'GET /v1/parties': 'List parties (customers and suppliers)',
  'POST /v1/parties': 'Create a party',
  'GET /v1/parties/{id}': 'Get one party',
  'PATCH /v1/parties/{id}': 'Update a party',
  'GET /v1/products': 'List products',
  'POST /v1/products': 'Create or update a product',
  'GET /v1/products/{id}': 'Get one product',
  'GET /v1/peppol/participantInformation/{id}': 'Look a VAT or CBE number up on Peppol (no key)',
  'GET /v1/peppol/inbox': 'List the Peppol documents received',
  'POST /v1/peppol/inbox/{id}/confirm': 'Accept a received Peppol document',
  'POST /v1/peppol/inbox/{id}/refuse': 'Refuse a received Peppol document',
  'POST /v1/peppol/participants': 'Register the company on Peppol (at its access point)',
  'DELETE /v1/peppol/participants': 'Unregister the company from Peppol (at its access point)',
  'POST /v1/peppol/sendOrder': 'Create an order and send it over Peppol',
};
for (const base of ['/v1/webhooks', '/v1/webhook']) {
  const alias = base.endsWith('s') ? '' : ` (the ${base} spelling)`;
  SUMMARIES[`POST ${base}`] = `Register a webhook${alias}`;
  SUMMARIES[`GET ${base}`] = `List the webhooks${alias}`;
  SUMMARIES[`DELETE ${base}/{id}`] = `Delete a webhook${alias}`;
  SUMMARIES[`POST ${base}/refresh/{id}`] = `Renew a webhook’s signing secret (also POST ${base}/{id}/refreshsecret)`;
}

export const BILLIT_SUMMARIES: Readonly<Record<string, string>> = SUMMARIES;

const TAGS: Record<string, string> = {
  OAuth2: 'OAuth2 access tokens',
  account: 'The company and its number sequences',
  documents: 'Uploaded documents',
  files: 'Files',
  misc: 'Type codes',
  orders: 'Orders: invoices, credit notes…',
  parties: 'Customers and suppliers',
  products: 'Products',
  peppol: 'Peppol: lookups, inbox, sending',
  webhooks: 'Webhooks',
  webhook: 'Webhooks (singular spelling)',
};

/** `/v1/orders/{id}` → `orders`; `/OAuth2/token` → `OAuth2`. */
const tagOf = (path: string) => path.replace(/^\/v1/, '').split('/')[1] ?? '';

/** The Billit API v1 dialect (src/dialects/billit), as OpenAPI: GET /billit/openapi.json, docs at /billit/docs. */
export const billitOpenapi: DialectDescription = {
  prefix: '/billit',
  title: 'Faturador: Billit API v1 dialect',
  description:
    'Billit’s API answered by Faturador: point a Billit client at <base>/billit instead of https://api.billit.be ' +
    '(or at <base>/billit/v1; the same operations also answer under /billit/v1/v1 and at the root of BILLIT_PORT). ' +
    'Authenticate with the ApiKey header (any Faturador API key) or Authorization: Bearer (an API key or an access ' +
    'token of POST /OAuth2/token); PartyID (and ContextPartyID) act for a party delegated to the key’s account. ' +
    'Bodies and answers take Billit’s shapes; errors are {"errors":[{"Code":"…","Description":"…"}]}.',
  securitySchemes: {
    ApiKey: { type: 'apiKey', in: 'header', name: 'ApiKey', description: 'Any Faturador API key' },
    bearer: {
      type: 'http',
      scheme: 'bearer',
      description: 'An API key, or an access token of POST /OAuth2/token',
    },
  },
  security: [{ ApiKey: [] }, { bearer: [] }],
  headers: {
    PartyID: 'Act for this party (an account delegated to the key’s account); 401 if the key cannot reach it',
    ContextPartyID: 'The accountant’s context party, as Billit’s clients send it (PartyID wins)',
  },
  error: {
    schema: {
      type: 'object',
      required: ['errors'],
      description: 'Billit’s error envelope: its own codes, kept verbatim',
      properties: {
        errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['Code', 'Description'],
            properties: { Code: { type: 'string' }, Description: { type: 'string' } },
          },
        },
      },
    },
    example: { errors: [{ Code: 'InvalidVAtPercentageForTaxCountry_0_', Description: 'The VAT percentage…' }] },
  },
  errors: {
    400: { description: 'Invalid fields or a malformed body (GenericError, Billit’s codes)' },
    401: {
      description: 'No key, an unknown one, an unreachable PartyID, or another party’s order (Unauthorized)',
      auth: true,
    },
    403: { description: 'The key’s scopes do not allow it (Forbidden)', auth: true },
    404: { description: 'No such record (NotFound)', withId: true },
    409: { description: 'A replayed Idempotency-Key, or the record’s state does not allow it', withBody: true },
    429: { description: 'Too many requests for this key (BILLIT_RATE_LIMIT_PER_MINUTE)' },
  },
  tags: TAGS,
  tagOf,
  summary: (method, path) => SUMMARIES[`${method} ${path}`] ?? `${method} ${path}`,
  isPublic: (route) => (route.config as { billitAuth?: boolean } | undefined)?.billitAuth === false,
  mediaOf: (path) => (path.endsWith('/download') ? 'application/octet-stream' : 'application/json'),
  // `/v1/v1/…` (clients whose base URL ends in /v1) and `/v1/OAuth2/…` are the same operations: described once.
  // `…/{id}/refreshsecret` is named in the summary of `…/refresh/{id}` (the same handler): as a path of its own the
  // pair is ambiguous (`refresh/refreshsecret` matches both; Redocly's no-ambiguous-paths).
  describes: (path) =>
    !path.startsWith('/v1/v1/') && !path.startsWith('/v1/OAuth2/') && !path.endsWith('/refreshsecret'),
};
