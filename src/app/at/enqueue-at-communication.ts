import { sql } from 'kysely';
import type { Tx } from '../context.js';
import { atServiceOf, type DocumentEvent } from './communicate-document.js';
import { enqueueJobRows } from '../jobs/enqueue-job.js';

export const AT_TRANSPORT_JOB = 'at.transport';
export const AT_INVOICE_JOB = 'at.invoice';
/** AT is often down for hours: with the worker's backoff (2 s doubling, capped at 1 h) 20 attempts span about 9 hours. */
export const AT_MAX_ATTEMPTS = 20;

export interface AtJobPayload {
  documentId: number;
  event: DocumentEvent;
}

/**
 * Called by finalize and cancel inside their transaction: one INSERT … SELECT that adds an `at.transport` or
 * `at.invoice` job only when the account has that automatic communication switched on (and no statement at
 * all for other document types). The job exists only if the document change commits.
 */
export async function enqueueAtCommunication(
  tx: Tx,
  accountId: number,
  documentId: number,
  docType: string,
  event: DocumentEvent,
): Promise<void> {
  await enqueueJobRows(tx, [atCommunicationJobRows(accountId, [{ id: documentId, docType }], event)]);
}

/**
 * The same conditional jobs for several documents as ONE outbox SELECT part (a row per document whose
 * communication is switched on), or null when none of the types is told to AT.
 */
export function atCommunicationJobRows(
  accountId: number,
  docs: { id: number; docType: string }[],
  event: DocumentEvent,
) {
  const rows = docs.flatMap(({ id, docType }) => {
    const service = atServiceOf(docType);
    if (!service) return [];
    const payload: AtJobPayload = { documentId: id, event };
    return [
      {
        kind: service === 'transport' ? AT_TRANSPORT_JOB : AT_INVOICE_JOB,
        transport: service === 'transport',
        payload,
        dedupe: `${id}:${event}`,
      },
    ];
  });
  if (!rows.length) return null;
  return sql`
    SELECT s.account_id, v.kind, v.payload, v.dedupe, ${AT_MAX_ATTEMPTS}::integer
    FROM at_settings s, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(kind text, transport boolean, payload jsonb, dedupe text)
    WHERE s.account_id = ${accountId} AND CASE WHEN v.transport THEN s.transport_enabled ELSE s.invoices_enabled END`;
}
