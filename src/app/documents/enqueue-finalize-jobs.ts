import type { Tx } from '../context.js';
import { enqueueJobRows } from '../jobs/enqueue-job.js';
import { pdfRenderJobRow } from '../pdf/enqueue-pdf-render.js';
import { atCommunicationJobRow } from '../at/enqueue-at-communication.js';
import { eventsJobRow } from '../webhooks/emit-events.js';

/**
 * The outbox work of a finalized document, in the finalize transaction and in ONE statement: the PDF render,
 * the AT communication (only when the account has it switched on) and the `document.finalized` event (only
 * when an endpoint subscribes to it). Each job exists only if the document commits.
 */
export async function enqueueFinalizeJobs(tx: Tx, accountId: number, documentId: number, docType: string): Promise<void> {
  await enqueueJobRows(tx, [
    pdfRenderJobRow(accountId, documentId, docType),
    atCommunicationJobRow(accountId, documentId, docType, 'issue'),
    eventsJobRow(accountId, [{ type: 'document.finalized', documentId }]),
  ]);
}
