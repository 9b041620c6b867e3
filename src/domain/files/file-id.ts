/**
 * File ids are GUIDs (Billit's FileID). A stored file gets a random one; an issued document's own PDF has no row
 * (it is rendered from the document, see render/pdf) and is named by an id derived from the document id, so the
 * same document always answers the same FileID and the id leads back to the document.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOCUMENT_PDF_PREFIX = 'd0c0f11e-0000-4000-8000-';

export function isFileId(v: string): boolean {
  return UUID.test(v);
}

/** The FileID of a document's PDF: `d0c0f11e-0000-4000-8000-<document id in 12 hex digits>`. */
export function documentPdfFileId(documentId: number): string {
  return DOCUMENT_PDF_PREFIX + documentId.toString(16).padStart(12, '0');
}

/** The document whose PDF a FileID names, or null for any other id. */
export function documentIdOfPdfFileId(fileId: string): number | null {
  const id = fileId.toLowerCase();
  if (!id.startsWith(DOCUMENT_PDF_PREFIX) || !isFileId(id)) return null;
  const n = parseInt(id.slice(DOCUMENT_PDF_PREFIX.length), 16);
  return n > 0 && Number.isSafeInteger(n) ? n : null;
}
