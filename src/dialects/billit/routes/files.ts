import { getFile } from '../../../app/files/get-file.js';
import { documentIdOfPdfFileId } from '../../../domain/files/file-id.js';
import { getDocumentPdf } from '../../../render/pdf/document-pdf.js';
import { BillitError } from '../billit-error.js';
import type { Call, Route } from '../context.js';
import { fileView } from '../views/file.js';

/**
 * The file a FileID names: a stored file (attachment, uploaded document, a caller's own order PDF), or an issued
 * document's PDF (its FileID is derived from the document id, see domain/files/file-id.ts), rendered as a print.
 */
async function fileOf(c: Call) {
  const id = String(c.params.id ?? '');
  const documentId = documentIdOfPdfFileId(id);
  if (documentId !== null) {
    const pdf = await getDocumentPdf(c.db, c.accountId, documentId);
    return { id: id.toLowerCase(), fileName: pdf.fileName, mimeType: 'application/pdf', bytes: pdf.bytes };
  }
  const f = await c.tx((tx) => getFile(tx, c.accountId, id));
  if (!f) throw BillitError.notFound();
  return f;
}

export function registerFiles(route: Route): void {
  route('GET', '/files/:id', {}, async (c) => fileView(await fileOf(c)));

  route('GET', '/files/:id/download', {}, async (c) => {
    const f = await fileOf(c);
    return c.reply
      .header('content-type', f.mimeType)
      .header(
        'content-disposition',
        `attachment; filename="${f.fileName.replace(/[^\w .-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
      )
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(f.bytes));
  });
}
