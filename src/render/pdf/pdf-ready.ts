import type { Tx } from '../../app/context.js';
import { readDocumentFile } from '../../app/pdf/document-file-cache.js';
import { loadPdfSource } from '../../app/pdf/load-pdf-source.js';
import { buildPdfModel, sourceHash } from './model.js';

/**
 * Whether the cache holds the render of the document as it is now (what `ensureDocumentPdf` would serve
 * without rendering): for APIs that answer "not ready yet" while the outbox renders. Throws as
 * `loadPdfSource` does (not_found, document_not_final for drafts).
 */
export async function isDocumentPdfReady(tx: Tx, accountId: number, documentId: number): Promise<boolean> {
  const hash = sourceHash(buildPdfModel(await loadPdfSource(tx, accountId, documentId)));
  const cached = await readDocumentFile(tx, accountId, documentId, 'pdf');
  return cached?.sourceHash === hash;
}
