import { downloadDocumentPdf } from '../../../render/pdf/document-pdf.js';
import type { Route } from '../context.js';

/**
 * `GET /documentos/download/{id}/{token_download}`: the PDF, outside the API and without api_token (the token is
 * the credential). The first download is the original, later ones are marked as duplicates (seed 001, note 2).
 */
export function downloadRoutes(route: Route): void {
  route('GET', '/documentos/download/:id/:token', { billptAuth: false, billptDocField: 'id' }, async (c) => {
    const token = String((c.request.params as { token: string }).token);
    const pdf = await downloadDocumentPdf(c.db, c.id, token);
    return c.reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${pdf.fileName}"; filename*=UTF-8''${encodeURIComponent(pdf.fileName)}`)
      .header('cache-control', 'private, no-store')
      .header('x-document-copy', pdf.copy)
      .header('x-printed-count', String(pdf.printedCount))
      .send(pdf.bytes);
  });
}
