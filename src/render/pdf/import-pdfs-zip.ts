import { Readable } from 'node:stream';
import yazl from 'yazl';
import type { Db } from '../../app/context.js';
import { issuedImportDocuments } from '../../app/imports/issued-import-documents.js';
import { getDocumentPdf, pdfFileName, type DocumentPdf } from './document-pdf.js';

/** PDFs rendered ahead of the one the archive is writing, so the render pool works while the client reads. */
const AHEAD = 4;

/**
 * The ZIP of the PDFs of an import's issued documents, one per document named by its number, streamed: each PDF is
 * rendered (or read from the cache) when the archive reaches it, a few ahead, so memory does not grow with the
 * import. Each PDF is a print, as a download is (the first is the Original). An unknown import (or another
 * account's) is not found before anything is sent; a failure while streaming ends the archive with an error.
 */
export async function importPdfsZip(
  db: Db,
  accountId: number,
  importId: number,
): Promise<{ fileName: string; stream: Readable }> {
  const documents = await issuedImportDocuments(db, accountId, importId);
  const zip = new yazl.ZipFile();
  const pending = new Map<number, Promise<DocumentPdf>>();
  const pdfAt = (i: number) => {
    let p = pending.get(i);
    if (!p) {
      p = getDocumentPdf(db, accountId, documents[i].documentId);
      p.catch(() => undefined); // awaited when the archive reaches it
      pending.set(i, p);
    }
    return p;
  };
  const mtime = new Date();
  documents.forEach((d, i) => {
    const name = pdfFileName(d.number, d.documentId);
    // Stored, not deflated: a PDF's streams are compressed already.
    zip.addReadStreamLazy(name, { mtime, compress: false }, (cb) => {
      for (let j = i; j < Math.min(i + AHEAD, documents.length); j++) void pdfAt(j);
      pdfAt(i).then(
        (pdf) => {
          pending.delete(i);
          cb(null, Readable.from([pdf.bytes]));
        },
        (err: Error) => {
          pending.delete(i);
          cb(err, undefined as never);
        },
      );
    });
  });
  const stream = zip.outputStream as Readable;
  zip.on('error', (err: Error) => stream.destroy(err));
  zip.end();
  return { fileName: `import-${importId}-pdfs.zip`, stream };
}
