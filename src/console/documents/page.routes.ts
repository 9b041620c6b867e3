import type { FastifyInstance } from 'fastify';
import { documentQrPayload } from '../../app/documents/document-qr-payload.js';
import { getDocument } from '../../app/documents/get-document.js';
import { DomainError } from '../../domain/errors.js';
import { ctxOf } from '../../http/kit/request-context.js';
import { getDocumentPdf } from '../../render/pdf/document-pdf.js';
import { qrPng } from '../../render/qr-png.js';
import type { Services } from '../../server/services.js';
import { requireScope } from '../shell/require-scope.js';
import { documentIdOf } from './route-id.js';
import { showDocumentPage } from './show-page.js';

/** The document page, its QR image and its PDF (preview or download). */
export async function pageRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;

  app.get('/documents/:id', async (request, reply) => {
    requireScope(request, 'read');
    return showDocumentPage(db, request, reply, documentIdOf(request.params));
  });

  // The AT QR symbol, drawn on the server from the document's QR message as it is printed.
  app.get('/documents/:id/qr.png', async (request, reply) => {
    requireScope(request, 'read');
    const payload = documentQrPayload(await getDocument(db, ctxOf(request).accountId, documentIdOf(request.params)));
    if (!payload) throw new DomainError('not_found', 'The document has no QR code.');
    return reply
      .header('content-type', 'image/png')
      .header('cache-control', 'private, no-store')
      .send(await qrPng(payload));
  });

  // A print is counted (the first is the Original, later ones a "2.ª via", D8632 §2.2.15), so it is a POST
  // with the form's CSRF token: no other site can make the browser print a document.
  app.post('/documents/:id/pdf', async (request, reply) => {
    requireScope(request, 'read');
    const id = documentIdOf(request.params);
    const download = (request.body as Record<string, unknown> | undefined)?.download === '1';
    const pdf = await getDocumentPdf(db, ctxOf(request).accountId, id, { copy: 'original' });
    const name = pdf.fileName;
    return reply
      .header('content-type', 'application/pdf')
      .header(
        'content-disposition',
        `${download ? 'attachment' : 'inline'}; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .header('cache-control', 'private, no-store')
      .header('x-document-copy', pdf.copy)
      .send(pdf.bytes);
  });
}
