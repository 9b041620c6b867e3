import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../app/context.js';
import { downloadDocumentPdf } from '../render/pdf/document-pdf.js';
import { CopyQuery, copyRequest, sendPdf } from './kit/pdf-response.js';
import { op, PDF_RESPONSE } from './v1/operation.js';
import { artifactDownloadRoutes } from './artifact-download.routes.js';

/**
 * The public download link of a document, `/download/:id/:token` (documents.download_token, 48 hex characters):
 * no API key, the token is the credential; a wrong id or token is a plain 404. Compatibility dialects map
 * their own paths (bill.pt `/documentos/download/{id}/{token}`) onto `downloadDocumentPdf` + `sendPdf`.
 */
export const downloadRoutes: FastifyPluginAsync<{ db: Db; rateLimitPerMinute: number }> = async (
  root,
  { db, rateLimitPerMinute },
) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/download/:id/:token',
    {
      onRequest: app.rateLimit({ max: rateLimitPerMinute, timeWindow: 60_000 }),
      // A HEAD (link previews) must not count as a print.
      exposeHeadRoute: false,
      schema: {
        ...op({
          id: 'downloadDocument',
          tags: ['documents'],
          summary: 'Download a document by its public link (no API key)',
          ok: { status: 200, description: 'The PDF' },
          openapi: { responses: { 200: PDF_RESPONSE } },
        }),
        security: [],
        params: Type.Object({ id: Type.String({ maxLength: 20 }), token: Type.String({ maxLength: 100 }) }),
        querystring: CopyQuery,
      },
    },
    async (request, reply) =>
      sendPdf(
        reply,
        await downloadDocumentPdf(
          db,
          /^\d{1,15}$/.test(request.params.id) ? Number(request.params.id) : 0,
          request.params.token,
          { copy: copyRequest(request.query.copy) },
        ),
      ),
  );
  await app.register(artifactDownloadRoutes, { db, rateLimitPerMinute });
};
