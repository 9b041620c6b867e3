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
export async function enqueueAtCommunication(tx: Tx, accountId: number, documentId: number, docType: string, event: DocumentEvent): Promise<void> {
  await enqueueJobRows(tx, [atCommunicationJobRow(accountId, documentId, docType, event)]);
}

/** The same conditional job as an outbox SELECT part (zero or one row), or null for types AT is not told about. */
export function atCommunicationJobRow(accountId: number, documentId: number, docType: string, event: DocumentEvent) {
  const service = atServiceOf(docType);
  if (!service) return null;
  const kind = service === 'transport' ? AT_TRANSPORT_JOB : AT_INVOICE_JOB;
  const flag = service === 'transport' ? 'transport_enabled' : 'invoices_enabled';
  const payload: AtJobPayload = { documentId, event };
  return sql`
    SELECT s.account_id, ${kind}::text, ${JSON.stringify(payload)}::jsonb, ${`${documentId}:${event}`}::text, ${AT_MAX_ATTEMPTS}::integer
    FROM at_settings s WHERE s.account_id = ${accountId} AND ${sql.ref(`s.${flag}`)}`;
}
