import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from '../config.js';

const json = (description: string, extra: Record<string, unknown> = {}) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, ...extra } },
});
const example = (code: string, message: string, details: unknown[] = []) => ({
  example: { error: { code, message, details, requestId: '5d0c3a8e-1f2b-4c1e-9a57-3f1f2d9b7c10' } },
});

/** The error answers of the native API, shared by every operation (the envelope of src/http/native-errors.ts). */
const ERROR_RESPONSES: Record<number, [string, ReturnType<typeof json>]> = {
  401: [
    'Unauthenticated',
    json('No API key, or an unknown or revoked one.', example('unauthenticated', 'A valid API key is required.')),
  ],
  403: [
    'Forbidden',
    json('The key’s scope does not allow this operation.', example('forbidden', 'This API key may not do that.')),
  ],
  404: ['NotFound', json('No such record in this account.', example('not_found', 'document 42 not found.'))],
  409: [
    'Conflict',
    json(
      'The record’s state does not allow it (a finalized document, a duplicate, an idempotency key in flight, ' +
        'a missing configuration).',
      example('document_not_draft', 'FT A2026/1 is finalized and cannot change.'),
    ),
  ],
  422: [
    'Invalid',
    json(
      'Invalid input: every bad or unknown field is listed in details.',
      example('validation', 'The request has invalid fields.', [
        { field: 'lines[0].discont', issue: 'unknown', message: 'unknown field' },
      ]),
    ),
  ],
  429: [
    'RateLimited',
    {
      ...json(
        'Too many requests for this key; retry after Retry-After seconds.',
        example(
          'rate_limited',
          `Rate limit of ${DEFAULT_RATE_LIMIT_PER_MINUTE} requests per 1 minute exceeded; retry later.`,
        ),
      ),
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
    } as ReturnType<typeof json>,
  ],
  503: [
    'Unavailable',
    json(
      'A service the operation needs (AT) did not answer; nothing was changed.',
      example('at_unavailable', 'AT did not answer; retry later.'),
    ),
  ],
};

const TAGS: [string, string][] = [
  [
    'documents',
    'Invoices, receipts, credit and debit notes, transport guides, quotes: drafts, finalization, cancellation, PDF.',
  ],
  ['receipts', 'Settling documents, and opening balances.'],
  ['contacts', 'Customers and suppliers.'],
  ['items', 'Products and services.'],
  ['taxes', 'Tax rates.'],
  ['series', 'Document series and their AT validation codes.'],
  ['stores', 'Stores and warehouses.'],
  [
    'reference data',
    'Units, payment and shipping methods, vehicles, document states, contact types, item categories, exemption reasons, document types.',
  ],
  ['stock', 'Stock levels and movements.'],
  ['account', 'The account, its API keys, signing key and logo.'],
  ['saft', 'SAF-T (PT) export.'],
  [
    'einvoices',
    'EN 16931 e-invoices (UBL 2.1, CII D16B): validation against the schemas and the EN 16931, Peppol and CIUS-PT rules.',
  ],
  ['e-mail', 'E-mailing documents, the e-mail log, SMTP settings and templates.'],
  ['webhooks', 'Webhook endpoints and deliveries.'],
  ['AT communication', 'Autoridade Tributária: settings, series registration, document communication.'],
  ['imports', 'Bulk invoicing from a CSV or XLSX file: template, preview, issue, progress and report.'],
];

type Operation = {
  operationId?: string;
  parameters?: { in: string }[];
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, Record<string, unknown>>;
  'x-errors'?: number[];
  'x-openapi'?: Record<string, unknown>;
};

/** The generated document, completed: shared error answers per operation, Location on 201, non-JSON media. */
function complete(doc: Record<string, unknown>): Record<string, unknown> {
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const operation of Object.values(item)) {
      const statuses = new Set(operation['x-errors'] ?? []);
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      if (!isPublic) {
        statuses.add(401);
        statuses.add(403);
      }
      statuses.add(429);
      if (/\{/.test(path)) statuses.add(404);
      if (operation.requestBody || operation.parameters?.length) statuses.add(422);
      for (const status of [...statuses].sort()) {
        operation.responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSES[status][0]}` };
      }
      delete operation['x-errors'];
      const created = operation.responses['201'];
      if (created) {
        created.headers = { Location: { description: 'The URL of the created record', schema: { type: 'string' } } };
      }
      const extra = operation['x-openapi'];
      if (extra) {
        const { responses, ...rest } = extra as { responses?: Record<string, Record<string, unknown>> };
        Object.assign(operation, rest);
        for (const [status, r] of Object.entries(responses ?? {}))
          operation.responses[status] = { ...operation.responses[status], ...r };
        delete operation['x-openapi'];
      }
    }
  }
  return doc;
}

/** @fastify/swagger options of the native API's OpenAPI 3.1 document (GET /openapi.json). */
export function openapiOptions(publicUrl: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Faturador API',
        version: '1.0.0',
        description:
          'Native REST API of Faturador: Portuguese-compliant invoicing. Amounts are decimal strings. Errors are ' +
          '{"error":{"code","message","details":[{field,issue,message}],"requestId"}}; unknown fields are refused (422). ' +
          'Every create accepts Idempotency-Key.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: publicUrl }],
      tags: TAGS.map(([name, description]) => ({ name, description })),
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API key: Authorization: Bearer ftr_…' },
        },
        responses: Object.fromEntries(Object.values(ERROR_RESPONSES).map(([name, r]) => [name, r])),
      },
      security: [{ bearer: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
    transformObject: (d) =>
      complete(('openapiObject' in d ? d.openapiObject : d.swaggerObject) as Record<string, unknown>) as never,
  };
}
