import type { Db } from '../../app/context.js';
import { DomainError } from '../../domain/errors.js';
import { type JobHandler, PermanentJobError } from '../../infra/jobs/worker.js';
import { ensureDocumentPdf } from './document-pdf.js';

/**
 * The 'pdf.render' job: renders and caches the document's PDF. Finalize and cancel no longer enqueue it (PDFs
 * render on first request); InvoiceXpress's polled PDF link does, and jobs queued by older versions still run.
 */
export function pdfRenderJob(db: Db): JobHandler {
  return async (job) => {
    const documentId = Number(job.payload.documentId);
    if (!Number.isSafeInteger(documentId) || documentId < 1)
      throw new PermanentJobError(`Bad documentId ${String(job.payload.documentId)}.`);
    try {
      await ensureDocumentPdf(db, job.account_id, documentId);
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'not_found' || err.code === 'document_not_final'))
        throw new PermanentJobError(err.message);
      throw err;
    }
  };
}
