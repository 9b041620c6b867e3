import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { deleteAccountLogo } from '../../app/pdf/delete-account-logo.js';
import { getAccountLogo } from '../../app/pdf/get-account-logo.js';
import { LOGO_MAX_BYTES, setAccountLogo } from '../../app/pdf/set-account-logo.js';
import { DomainError } from '../../domain/errors.js';
import { getDocumentPdf } from '../../render/pdf/document-pdf.js';
import { CopyQuery, copyRequest, sendPdf } from '../kit/pdf-response.js';
import { principalOf } from '../kit/request-context.js';
import type { RouteDeps } from './deps.js';
import { IdParams } from './schemas.js';
import { op, PDF_RESPONSE as PDF } from './operation.js';

// Re-exported for the routes that imported them from here before src/http/pdf-response.ts existed.
export { CopyQuery, copyRequest, sendPdf };

function decodeLogo(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  const image = (body as { image?: unknown } | undefined)?.image;
  const bad = (message: string) =>
    new DomainError('validation', message, [{ field: 'image', issue: 'invalid', message }]);
  if (typeof image !== 'string')
    throw bad('Send the image bytes (Content-Type image/png or image/jpeg), or JSON {"image": "<base64>"}.');
  const b64 = image.replace(/^data:image\/(png|jpeg);base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) throw bad('The image is not valid base64.');
  return Buffer.from(b64, 'base64');
}

export const pdfRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.addContentTypeParser(
    ['image/png', 'image/jpeg', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: LOGO_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/documents/:id/pdf',
    {
      exposeHeadRoute: false,
      schema: {
        ...op({
          id: 'getDocumentPdf',
          tags: ['documents'],
          summary: 'The document as PDF (each download is a print: the first is the Original, later ones are copies)',
          ok: { status: 200, description: 'The PDF' },
          errors: [409],
          openapi: { responses: { 200: PDF } },
        }),
        description:
          'Drafts have no PDF (409 document_not_final): a draft has no legal existence and cannot be printed (D8632 §1.10). ' +
          'Headers: X-Document-Copy (original, duplicate, reprint) and X-Printed-Count.',
        params: IdParams,
        querystring: CopyQuery,
      },
    },
    async (request, reply) => {
      const accountId = principalOf(request).accountId;
      // No transaction: none stays open (holding a connection) while the PDF renders on the pool.
      const pdf = await getDocumentPdf(db, accountId, request.params.id, { copy: copyRequest(request.query.copy) });
      return sendPdf(reply, pdf);
    },
  );

  app.put(
    '/account/logo',
    {
      bodyLimit: Math.ceil(LOGO_MAX_BYTES * 1.4) + 1024,
      schema: {
        ...op({
          id: 'setLogo',
          tags: ['account'],
          summary: 'Set the logo printed on documents',
          ok: { status: 200, schema: 'Logo', description: 'The stored logo' },
          errors: [422],
          openapi: {
            requestBody: {
              required: true,
              content: {
                'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
                'image/jpeg': { schema: { type: 'string', contentMediaType: 'image/jpeg' } },
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['image'],
                    additionalProperties: false,
                    properties: { image: { type: 'string', description: 'base64, or a data: URL' } },
                  },
                  example: {
                    image:
                      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
                  },
                },
              },
            },
          },
        }),
        description:
          `PNG or JPEG, at most ${LOGO_MAX_BYTES} bytes and 2000×2000 pixels: the raw bytes with Content-Type image/png or image/jpeg, ` +
          'or JSON {"image": "<base64 or data: URL>"}.',
      },
    },
    async (request) => {
      const bytes = decodeLogo(request.body);
      return db.transaction().execute((tx) => setAccountLogo(tx, principalOf(request).accountId, bytes));
    },
  );

  app.get(
    '/account/logo',
    {
      exposeHeadRoute: false,
      schema: op({
        id: 'getLogo',
        tags: ['account'],
        summary: 'The logo printed on documents',
        ok: { status: 200, description: 'The image' },
        openapi: {
          responses: {
            200: {
              headers: { ETag: { description: 'SHA-256 of the image', schema: { type: 'string' } } },
              content: {
                'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
                'image/jpeg': { schema: { type: 'string', contentMediaType: 'image/jpeg' } },
              },
            },
          },
        },
      }),
    },
    async (request, reply) => {
      const logo = await getAccountLogo(db, principalOf(request).accountId);
      return reply
        .header('content-type', logo.contentType)
        .header('etag', `"${logo.sha256}"`)
        .send(Buffer.from(logo.bytes));
    },
  );

  app.delete(
    '/account/logo',
    {
      schema: op({
        id: 'deleteLogo',
        tags: ['account'],
        summary: 'Remove the logo',
        ok: { status: 204, description: 'Removed' },
      }),
    },
    async (request, reply) => {
      await db.transaction().execute((tx) => deleteAccountLogo(tx, principalOf(request).accountId));
      return reply.status(204).send();
    },
  );
};
