import { DOC_TYPE_INFO, isDocType } from '../../domain/documents/types.js';
import type { Tx } from '../context.js';
import { enqueueJob } from '../jobs/enqueue-job.js';

export const PDF_RENDER_JOB = 'pdf.render';

/**
 * Asks for the document's PDF to be rendered and cached in the background, in the caller's transaction: for an
 * API that answers "not ready yet" and is polled (InvoiceXpress's PDF link). Finalize and cancel enqueue nothing:
 * every delivery renders on first request and caches (ensureDocumentPdf). Opening balances are internal records
 * that nobody prints. A job already pending for the document covers the new state too, since the handler renders
 * whatever the document is when it runs.
 */
export async function enqueuePdfRender(tx: Tx, accountId: number, documentId: number, docType: string): Promise<void> {
  if (isDocType(docType) && DOC_TYPE_INFO[docType].family === 'opening_balance') return;
  await enqueueJob(tx, {
    accountId,
    kind: PDF_RENDER_JOB,
    payload: { documentId },
    dedupeKey: String(documentId),
    maxAttempts: 5,
  });
}
