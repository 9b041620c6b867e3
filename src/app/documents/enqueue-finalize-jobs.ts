import type { FiscalRegime } from '../../domain/regime/fiscal-regime.js';
import type { Tx } from '../context.js';
import { enqueueJobRows } from '../jobs/enqueue-job.js';
import { pdfRenderJobRows } from '../pdf/enqueue-pdf-render.js';
import { atCommunicationJobRows } from '../at/enqueue-at-communication.js';
import { eventsJobRows } from '../webhooks/emit-events.js';

/**
 * The outbox work of finalized documents, in the finalize transaction and in ONE statement whatever their
 * number: the PDF renders, the communications to the regime's tax authorities (only when the account has them
 * switched on) and a `document.finalized` event per document (only when an endpoint subscribes to it). The jobs
 * exist only if the documents commit.
 */
export async function enqueueFinalizeJobs(
  tx: Tx,
  accountId: number,
  regime: FiscalRegime,
  docs: { id: number; docType: string }[],
): Promise<void> {
  await enqueueJobRows(tx, [
    pdfRenderJobRows(accountId, docs),
    regime.taxAuthorities.includes('AT') ? atCommunicationJobRows(accountId, docs, 'issue') : null,
    eventsJobRows(
      accountId,
      docs.map((d) => [{ type: 'document.finalized', documentId: d.id }]),
    ),
  ]);
}
