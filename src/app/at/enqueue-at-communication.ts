import { sql } from 'kysely';
import type { Tx } from '../context.js';
import { atServiceOf, type DocumentEvent } from './communicate-document.js';

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
  const service = atServiceOf(docType);
  if (!service) return;
  const kind = service === 'transport' ? AT_TRANSPORT_JOB : AT_INVOICE_JOB;
  const flag = service === 'transport' ? 'transport_enabled' : 'invoices_enabled';
  const payload: AtJobPayload = { documentId, event };
  await sql`
    INSERT INTO jobs (account_id, kind, payload, dedupe_key, max_attempts)
    SELECT s.account_id, ${kind}, ${JSON.stringify(payload)}::jsonb, ${`${documentId}:${event}`}, ${AT_MAX_ATTEMPTS}
    FROM at_settings s WHERE s.account_id = ${accountId} AND ${sql.ref(`s.${flag}`)}
    ON CONFLICT (account_id, kind, dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ('pending', 'running') DO NOTHING`.execute(tx);
}
