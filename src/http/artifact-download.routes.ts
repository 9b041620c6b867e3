import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { documentQrPayload } from '../app/documents/document-qr-payload.js';
import { getDocument } from '../app/documents/get-document.js';
import { findDocumentByToken } from '../app/pdf/find-document-by-token.js';
import { findSaftFileByToken } from '../app/saft/find-saft-file-by-token.js';
import { saftFileStream } from '../app/saft/saft-file-chunks.js';
import { notFound } from '../domain/errors.js';
import type { Db } from '../app/context.js';
import { qrPng } from '../render/qr-png.js';
import { op } from './v1/operation.js';

const idOf = (s: string) => (/^\d{1,15}$/.test(s) ? Number(s) : 0);
const Params = Type.Object({ id: Type.String({ maxLength: 20 }), token: Type.String({ maxLength: 100 }) });

/**
 * Public links besides the PDF's (no API key, the token is the credential; a wrong id or token is a plain 404):
 * a document's AT QR code as PNG, and a SAF-T file generated in the background.
 */
export const artifactDownloadRoutes: FastifyPluginAsync<{ db: Db; rateLimitPerMinute: number }> = async (
  root,
  { db, rateLimitPerMinute },
) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const limit = app.rateLimit({ max: rateLimitPerMinute, timeWindow: 60_000 });

  app.get(
    '/download/:id/:token/qr.png',
    {
      onRequest: limit,
      exposeHeadRoute: false,
      // A link handed out (Document.downloadToken says where), not an operation: described there, because OpenAPI cannot
      // tell this template from /download/saft/{id}/{token} (no-ambiguous-paths).
      schema: { hide: true, params: Params },
    },
    async (request, reply) => {
      const { accountId, documentId } = await findDocumentByToken(db, idOf(request.params.id), request.params.token);
      const payload = documentQrPayload(await getDocument(db, accountId, documentId));
      if (!payload) throw notFound('QR code');
      return reply
        .header('content-type', 'image/png')
        .header('cache-control', 'private, no-store')
        .send(await qrPng(payload));
    },
  );

  app.get(
    '/download/saft/:id/:token',
    {
      onRequest: limit,
      exposeHeadRoute: false,
      schema: {
        ...op({
          id: 'downloadSaft',
          tags: ['saft'],
          summary: 'A SAF-T file generated in the background, by its public link (no API key)',
          ok: { status: 200, description: 'The SAF-T file' },
          openapi: {
            responses: {
              200: {
                content: { 'application/xml': { schema: { type: 'string', contentMediaType: 'application/xml' } } },
              },
            },
          },
        }),
        security: [],
        params: Params,
      },
    },
    async (request, reply) => {
      const file = await findSaftFileByToken(db, idOf(request.params.id), request.params.token);
      // Streamed a chunk at a time; the length lets a client tell a download cut short (the file replaced meanwhile).
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('content-length', String(file.size))
        .header('cache-control', 'private, no-store')
        .send(saftFileStream(db, file));
    },
  );
};
