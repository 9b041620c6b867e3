import type { DialectDescription } from '../../http/kit/openapi.js';

const NAMES: Record<string, string> = {
  documentos: 'documents',
  items: 'items',
  estados: 'document states',
  contatos: 'contacts',
  viaturas: 'vehicles',
  'unidades-medida': 'units',
  tipos: 'contact types',
  smtp: 'SMTP settings',
  series: 'series',
  'metodos-expedicao': 'shipping methods',
  lojas: 'stores',
  impostos: 'taxes',
  'email-template': 'e-mail templates',
  categorias: 'item categories',
  at: 'AT communication',
  stock: 'stock',
  'movimentos-pendentes': 'pending movements',
  'valid-token': 'token check',
  'tipos-documento': 'document types',
  recibos: 'receipts',
  'motivos-isencao': 'exemption reasons',
  'metodos-pagamento': 'payment methods',
  auth: 'authentication',
};

const SPECIAL: Record<string, string> = {
  'POST /api/1.0/auth/login': 'Log in with e-mail and password: a new API token',
  'POST /api/1.0/documentos/saldo-inicial': 'Record an opening balance',
  'POST /api/1.0/documentos/nota-documento': 'Issue a credit or debit note on a document',
  'POST /api/1.0/documentos/enviar-por-email': 'E-mail a document',
  'POST /api/1.0/documentos/comunicar/guia/{id}': 'Communicate a transport guide to AT',
  'POST /api/1.0/documentos/adicionar/codigo-at': 'Record the AT code of a transport guide',
  'GET /documentos/download/{id}/{token}': 'Download a document’s PDF by its public link (no token)',
  'PATCH /api/1.0/documentos': 'Update a draft, or finalize or cancel a document',
};

const segment = (path: string) => path.replace(/^\/api\/1\.0/, '').split('/')[1] ?? '';

/** The bill.pt API 1.0 dialect (src/dialects/billpt), as OpenAPI: GET /billpt/openapi.json, docs at /billpt/docs. */
export const billptOpenapi: DialectDescription = {
  prefix: '/billpt',
  title: 'Faturador: bill.pt API 1.0 dialect',
  description:
    'bill.pt’s API 1.0 answered by Faturador: point a bill.pt client at <base>/billpt instead of https://app.bill.pt. ' +
    'The api_token (any Faturador API key) goes in the JSON or form body (also on GET and DELETE), the query string, or ' +
    'Authorization: Bearer. Bodies and answers take bill.pt’s shapes, as its documentation describes them; errors are ' +
    '{"error":["<n>.<field>","<code>"]}.',
  securitySchemes: {
    api_token: {
      type: 'apiKey',
      in: 'query',
      name: 'api_token',
      description: 'Also accepted in the body, or as a Bearer token',
    },
    bearer: { type: 'http', scheme: 'bearer', description: 'The api_token as a Bearer token' },
  },
  security: [{ api_token: [] }, { bearer: [] }],
  error: {
    schema: {
      type: 'object',
      required: ['error'],
      description: 'bill.pt’s error envelope: codes, and field names prefixed by the error kind',
      properties: { error: { type: 'array', items: { type: 'string' } } },
    },
    example: { error: ['1.nome', '225'] },
  },
  errors: {
    400: { description: 'A malformed body', withBody: true },
    401: { description: 'No api_token, or an unknown one (202, 208)', auth: true },
    404: { description: 'No such record in this account', withId: true },
    409: { description: 'The record’s state does not allow it', withBody: true },
    422: { description: 'Invalid fields', withBody: true },
    429: { description: 'Too many requests for this token (BILLPT_RATE_LIMIT_PER_MINUTE)' },
  },
  tags: Object.fromEntries(Object.entries(NAMES).map(([k, v]) => [k, `bill.pt ${k}: ${v}`])),
  tagOf: segment,
  summary(method, path) {
    const special = SPECIAL[`${method} ${path}`];
    if (special) return special;
    const what = NAMES[segment(path)] ?? segment(path);
    const one = /\{id\}$/.test(path);
    const verb =
      {
        GET: one ? 'Get one of the' : 'List the',
        POST: 'Create in',
        PATCH: 'Update in',
        PUT: 'Update in',
        DELETE: 'Delete from',
      }[method] ?? method;
    const rest = path.replace(/^\/api\/1\.0\/[^/]+/, '').replace(/\/\{id\}$/, '');
    return `${verb} ${what}${rest ? ` (${rest.slice(1)})` : ''}`;
  },
  isPublic: (route) => (route.config as { billptAuth?: boolean } | undefined)?.billptAuth === false,
  mediaOf: () => 'application/json',
};
