import { downloadDocumentPdf } from '../../../render/pdf/document-pdf.js';
import { sendPdf } from '../../../http/kit/pdf-response.js';
import type { Route } from '../context.js';

/**
 * `GET /documentos/download/{id}/{token_download}`: the PDF, outside the API and without api_token (the token is
 * the credential). The first download is the original, later ones are marked as duplicates (seed 001, note 2).
 */
export function downloadRoutes(route: Route): void {
  route('GET', '/documentos/download/:id/:token', { billptAuth: false, billptDocField: 'id' }, async (c) => {
    const token = String((c.request.params as { token: string }).token);
    const pdf = await downloadDocumentPdf(c.db, c.id, token);
    return sendPdf(c.reply, pdf);
  });
}
