import type { FiscalRegime } from '../../domain/regime/fiscal-regime.js';
import type { Tx } from '../context.js';
import type { RawBuilder } from 'kysely';
import { enqueueJobRows, jobsInsert } from '../jobs/enqueue-job.js';
import { atCommunicationJobRows } from '../at/enqueue-at-communication.js';
import { eventsJobRows } from '../webhooks/emit-events.js';

/**
 * The outbox work of finalized documents, in the finalize transaction and in ONE statement whatever their
 * number: the communications to the regime's tax authorities (only when the account has them switched on) and a
 * `document.finalized` event per document (only when an endpoint subscribes to it). The jobs exist only if the
 * documents commit. No PDF is rendered here: it renders on first request (download, e-mail, dialect), off the
 * event loop, and is cached (ensureDocumentPdf) — most documents are never printed by this system.
 */
export async function enqueueFinalizeJobs(
  tx: Tx,
  accountId: number,
  regime: FiscalRegime,
  docs: { id: number; docType: string }[],
): Promise<void> {
  await enqueueJobRows(tx, finalizeJobParts(accountId, regime, docs));
}

/**
 * The same jobs as the INSERT of a CTE, for the statement that finalizes the documents: `documents` names the
 * CTE that returns their final rows (the events record the state being committed). Null without documents.
 */
export function finalizeJobsInsert(
  accountId: number,
  regime: FiscalRegime,
  docs: { id: number; docType: string }[],
  documents: RawBuilder<unknown>,
) {
  return jobsInsert(finalizeJobParts(accountId, regime, docs, documents));
}

function finalizeJobParts(
  accountId: number,
  regime: FiscalRegime,
  docs: { id: number; docType: string }[],
  documents?: RawBuilder<unknown>,
) {
  return [
    regime.taxAuthorities.includes('AT') ? atCommunicationJobRows(accountId, docs, 'issue') : null,
    eventsJobRows(
      accountId,
      docs.map((d) => [{ type: 'document.finalized', documentId: d.id }]),
      documents,
    ),
  ];
}
