import type { FastifyInstance } from 'fastify';
import { openDownloadLink } from '../../app/magnifinance/download-link.js';
import type { DialectKit } from '../../http/kit/define-dialect.js';
import { sendPdf } from '../../http/kit/pdf-response.js';
import { getDocumentPdf } from '../../render/pdf/document-pdf.js';
import type { MfRouteConfig } from './auth.js';

/** The path of a DocumentGet link under the surface's base URL. */
export const downloadPath = (documentId: number, token: string) => `/MagniAPI/Download/${documentId}/${token}`;

/**
 * The surface's routes besides the SOAP services: the PDF behind DocumentGet's DownloadUrl (no credentials: the
 * signed, expiring link is one; EV downloads it with a plain GET). The first download is the Original, later ones
 * are marked "2.ª via" (D8632 §2.2.15, as the PDF layer prints them).
 */
export async function registerMfRoutes(app: FastifyInstance, kit: DialectKit): Promise<void> {
  const config: MfRouteConfig = { mfPublic: true };
  kit.route(app, 'GET', '/MagniAPI/Download/:id/:token', config, async (request, reply) => {
    const params = request.params as { id: string; token: string };
    const id = /^\d{1,15}$/.test(params.id) ? Number(params.id) : 0;
    const { accountId } = await openDownloadLink(kit.db, id, params.token, new Date());
    return sendPdf(reply, await getDocumentPdf(kit.db, accountId, id, { copy: 'original' }));
  });
}
