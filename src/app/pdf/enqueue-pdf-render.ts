import { DOC_TYPE_INFO, isDocType } from '../../domain/documents/types.js';
import type { Tx } from '../context.js';
import { enqueueJob, jobRows } from '../jobs/enqueue-job.js';

export const PDF_RENDER_JOB = 'pdf.render';

/**
 * Asks for the document's PDF to be rendered and cached in the background, in the caller's transaction
 * (after finalize, and after cancel since the QR status and the printed state change). Opening balances are
 * internal records that nobody prints. A job already pending for the document covers the new state too,
 * since the handler renders whatever the document is when it runs.
 */
export async function enqueuePdfRender(tx: Tx, accountId: number, documentId: number, docType: string): Promise<void> {
  const job = pdfRenderJob(accountId, documentId, docType);
  if (job) await enqueueJob(tx, job);
}

/** The render jobs of several documents as one outbox SELECT part, for callers that enqueue in one statement. */
export function pdfRenderJobRows(accountId: number, docs: { id: number; docType: string }[]) {
  return jobRows(docs.flatMap((d) => pdfRenderJob(accountId, d.id, d.docType) ?? []));
}

function pdfRenderJob(accountId: number, documentId: number, docType: string) {
  if (isDocType(docType) && DOC_TYPE_INFO[docType].family === 'opening_balance') return null;
  return { accountId, kind: PDF_RENDER_JOB, payload: { documentId }, dedupeKey: String(documentId), maxAttempts: 5 };
}
