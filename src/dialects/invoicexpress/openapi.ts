import type { DialectDescription } from '../../http/kit/openapi.js';

const NAMES: Record<string, string> = {
  invoices: 'invoices',
  simplified_invoices: 'simplified invoices',
  invoice_receipts: 'invoice-receipts',
  credit_notes: 'credit notes',
  debit_notes: 'debit notes',
  vat_moss_invoices: 'VAT MOSS invoices',
  quotes: 'quotes',
  proformas: 'proformas',
  fees_notes: 'fees notes',
  estimates: 'estimates',
  shippings: 'shipping guides',
  transports: 'transport guides',
  devolutions: 'devolution guides',
  guides: 'guides',
  documents: 'document payments',
  document: 'related documents',
  receipts: 'receipts',
  users: 'accounts',
  api: 'PDF, QR codes and SAF-T',
  taxes: 'taxes',
  sequences: 'sequences',
  clients: 'clients',
  items: 'items',
  invoice: 'invoices (singular paths)',
  invoice_receipt: 'invoice-receipts (singular paths)',
  simplified_invoice: 'simplified invoices (singular paths)',
  credit_note: 'credit notes (singular paths)',
  debit_note: 'debit notes (singular paths)',
  vat_moss_invoice: 'VAT MOSS invoices (singular paths)',
  quote: 'quotes (singular paths)',
  proforma: 'proformas (singular paths)',
  fees_note: 'fees notes (singular paths)',
};

const SPECIAL: Record<string, string> = {
  'GET /api/pdf/{id}': 'The PDF link of a document (202 while it is rendered)',
  'GET /api/pdf/{type}/{id}': 'The PDF link of a document, its type in the path (202 while it is rendered)',
  'GET /api/qr_codes/{id}': 'The AT QR code of a document',
  'GET /api/export_saft': 'The SAF-T file of a month (202 while it is built)',
  'POST /documents/{id}/partial_payments': 'Issue a receipt for a document',
};

const segment = (path: string) => path.split('/')[1]?.replace(/\.(json|xml)$/, '') ?? '';

/** InvoiceXpress API v2 (JSON) and v1 (XML) dialect, as OpenAPI: GET /invoicexpress/openapi.json, docs at /invoicexpress/docs. */
export const invoicexpressOpenapi: DialectDescription = {
  prefix: '/invoicexpress',
  title: 'Faturador: InvoiceXpress dialect',
  description:
    'InvoiceXpress’s API (v2 JSON, legacy v1 XML) answered by Faturador: point a client at <base>/invoicexpress instead of ' +
    'https://{account}.app.invoicexpress.com. Every call carries ?api_key= (any Faturador API key). Every route answers on .json ' +
    'and .xml; bodies and answers take InvoiceXpress’s shapes, errors are {"errors":[{"error":"…"}]}.',
  securitySchemes: { api_key: { type: 'apiKey', in: 'query', name: 'api_key', description: 'A Faturador API key' } },
  security: [{ api_key: [] }],
  error: {
    schema: {
      type: 'object',
      required: ['errors'],
      description: 'InvoiceXpress’s error envelope (XML: <errors><error>…</error></errors>)',
      properties: {
        errors: {
          type: 'array',
          items: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
        },
      },
    },
    example: { errors: [{ error: "Client name can't be blank" }] },
  },
  errors: {
    401: { description: 'No api_key, or an unknown one', auth: true },
    404: { description: 'No such record in this account', withId: true },
    406: { description: 'Not for this document’s state (a draft has no PDF)', withId: true },
    409: { description: 'A duplicate in flight (proprietary_uid), or a state that does not allow it', withBody: true },
    422: { description: 'Invalid input', withBody: true },
    429: { description: 'Too many requests for this account (INVOICEXPRESS_RATE_LIMIT_PER_MINUTE)' },
  },
  tags: Object.fromEntries(Object.entries(NAMES).map(([k, v]) => [k, `InvoiceXpress ${k}: ${v}`])),
  tagOf: segment,
  summary(method, path) {
    const format = path.endsWith('.xml') ? ' (XML)' : '';
    const bare = path.replace(/\.(json|xml)$/, '');
    const special = SPECIAL[`${method} ${bare}`];
    if (special) return `${special}${format}`;
    const what = NAMES[segment(path)] ?? segment(path);
    const rest = bare.replace(/^\/[^/]+/, '').replace(/^\/\{id\}/, '');
    const one = /^\/[^/]+\/\{id\}/.test(bare);
    const verb =
      { GET: one ? 'Get one of the' : 'List the', POST: 'Create in', PUT: 'Update in', DELETE: 'Delete from' }[
        method
      ] ?? method;
    return `${verb} ${what}${rest ? ` (${rest.slice(1)})` : ''}${format}`;
  },
  isPublic: () => false,
  mediaOf: (path) => (path.endsWith('.xml') ? 'application/xml' : 'application/json'),
};
