import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { DocumentInput } from '../../app/documents/document-input.js';
import { previewDocument } from '../../app/documents/preview-document.js';
import { ctxOf } from '../kit/request-context.js';
import type { RouteDeps } from './deps.js';
import { op } from './operation.js';
import { DocumentBody } from './schemas.js';

const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Dec = Type.String({ description: 'A decimal as a string', examples: ['123.45'] });

const PreviewLine = Type.Object({
  position: Type.Integer(),
  itemId: N(Type.Integer()),
  code: Type.String(),
  description: Type.String(),
  quantity: Dec,
  unitPrice: Dec,
  discounts: Type.Array(Dec, { description: 'The three cascading discounts, in %' }),
  tax: Type.Object({ id: Type.Integer(), type: Type.String(), region: Type.String(), code: Type.String(), rate: Dec }),
  exemption: N(Type.Object({ code: Type.String(), reason: N(Type.String()) })),
  netTotal: Dec,
  taxTotal: Dec,
  grossTotal: Dec,
});

const DocumentPreview = Type.Object(
  {
    type: Type.String(),
    date: Type.String({ format: 'date' }),
    dueDate: N(Type.String({ format: 'date' })),
    currency: Type.String(),
    vatIncluded: Type.Boolean(),
    lines: Type.Array(PreviewLine),
    taxSummary: Type.Array(Type.Ref('TaxSummaryRow')),
    totals: Type.Object({
      net: Dec,
      tax: Dec,
      gross: Dec,
      discount: Dec,
      withholding: Dec,
      roundingAdjustment: Dec,
      payable: Dec,
      currencyGross: N(Dec),
    }),
  },
  { description: 'The totals the same body would be created with; nothing is written.' },
);

/** `POST /v1/documents/preview`: a create's dry run, for totals as you type. */
export const documentPreviewRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/documents/preview',
    {
      schema: {
        ...op({
          id: 'previewDocument',
          tags: ['documents'],
          summary: 'Compute a document without creating it (dry run)',
          description:
            'Takes the body of POST /v1/documents and runs the code a create runs (customer, items and taxes ' +
            'resolved, legal checks, totals), then answers the totals per line, per tax rate and of the document. ' +
            'Nothing is written: an inline customer or item is not created, no number is taken. Invalid input is ' +
            'refused with the 422 and field details a create would give.',
          ok: { status: 200, schema: DocumentPreview, description: 'The computed totals' },
          errors: [409],
        }),
        body: DocumentBody,
      },
    },
    async (request) => previewDocument(db, ctxOf(request), request.body as DocumentInput),
  );
};
