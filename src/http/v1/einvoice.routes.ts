import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { documentEinvoice } from '../../exports/einvoice/document-einvoice.js';
import { EINVOICE_PROFILES, EINVOICE_SYNTAXES } from '../../exports/einvoice/profiles.js';
import { principalOf } from '../kit/request-context.js';
import type { RouteDeps } from './deps.js';
import { IdParams } from './schemas.js';
import { op } from './operation.js';

const EinvoiceQuery = Type.Object({
  syntax: Type.Optional(
    Type.Union(
      EINVOICE_SYNTAXES.map((s) => Type.Literal(s)),
      { description: 'ubl (default): UBL 2.1 Invoice/CreditNote; cii: UN/CEFACT CII D16B' },
    ),
  ),
  profile: Type.Optional(
    Type.Union(
      EINVOICE_PROFILES.map((p) => Type.Literal(p)),
      {
        description:
          'peppol: Peppol BIS Billing 3.0 (default for a Belgian seller); cius-pt: CIUS-PT 2.1.1, UBL only (default for a ' +
          'Portuguese seller); en16931: plain EN 16931 (default with syntax=cii for a Portuguese seller)',
      },
    ),
  ),
  attachPdf: Type.Optional(
    Type.Boolean({
      description: 'Embed the PDF as an AdditionalDocumentReference / AdditionalReferencedDocument (default true)',
    }),
  ),
});

const XML_ANSWER = {
  headers: {
    'Content-Disposition': { description: 'attachment; filename="FT A-12.xml"', schema: { type: 'string' } },
    'X-Einvoice-Profile': {
      description: 'The profile written: peppol, cius-pt or en16931',
      schema: { type: 'string' },
    },
  },
  content: { 'application/xml': { schema: { type: 'string', contentMediaType: 'application/xml' } } },
};

export const einvoiceRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/documents/:id/einvoice',
    {
      exposeHeadRoute: false,
      schema: {
        ...op({
          id: 'getDocumentEinvoice',
          tags: ['documents'],
          summary: 'The document as an EN 16931 e-invoice (UBL 2.1 or CII D16B)',
          ok: { status: 200, description: 'The e-invoice' },
          errors: [409],
          openapi: { responses: { 200: XML_ANSWER } },
        }),
        description:
          'For a finalized invoice (FT), simplified invoice (FS), invoice-receipt (FR) — 380 —, credit note (NC) — a UBL ' +
          'CreditNote 381 naming the corrected invoice — or debit note (ND) — 383. A draft or a cancelled document answers ' +
          '409; another document type, or CIUS-PT asked in CII, 422. Totals are the document’s to the cent.',
        params: IdParams,
        querystring: EinvoiceQuery,
      },
    },
    async (request, reply) => {
      const accountId = principalOf(request).accountId;
      // No transaction: none stays open while the embedded PDF renders on the pool (as the PDF route).
      const file = await documentEinvoice(db, accountId, request.params.id, request.query);
      return reply
        .type('application/xml; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('x-einvoice-profile', file.profile)
        .send(Buffer.from(file.xml, 'utf8'));
    },
  );
};
