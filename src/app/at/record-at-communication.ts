import type { Tx } from '../context.js';
import type { AtCallResult, AtEnvironment, AtService } from './ports.js';
import { emitAtCommunicationEvent } from '../webhooks/emit-at-communication-event.js';

export type AtCommunicationStatus = 'success' | 'retryable' | 'permanent' | 'skipped';

export interface AtCommunicationEntry {
  accountId: number;
  documentId?: number | null;
  seriesId?: number | null;
  service: AtService;
  operation: string;
  environment: AtEnvironment;
  status: AtCommunicationStatus;
  returnCode?: string | null;
  returnMessage?: string | null;
  /** What AT handed back to keep: ATDocCodeID, or a series validation code. */
  atCode?: string | null;
  httpStatus?: number | null;
  request?: unknown;
  response?: unknown;
  jobId?: number | null;
  attempt?: number | null;
  durationMs?: number | null;
  startedAt: Date;
  /** No further automatic attempt will follow (success, refusal, skip, or the last retry). */
  final: boolean;
}

/** What listeners (webhooks) receive for each logged communication, inside the logging transaction. */
export interface AtCommunicationEvent {
  communicationId: number;
  accountId: number;
  documentId: number | null;
  seriesId: number | null;
  service: AtService;
  operation: string;
  status: AtCommunicationStatus;
  returnCode: string | null;
  returnMessage: string | null;
  atCode: string | null;
  final: boolean;
}

export type AtCommunicationListener = (tx: Tx, event: AtCommunicationEvent) => Promise<void>;

const listeners = new Set<AtCommunicationListener>();

/**
 * Subscribes to AT communication outcomes (e.g. to enqueue `document.at_communicated` / `…_failed` webhooks).
 * Listeners run in the transaction that writes the log entry, so work they enqueue is as durable as the log.
 * Returns the unsubscribe function.
 */
export function onAtCommunication(listener: AtCommunicationListener): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

const clip = (s: string | null | undefined, n: number) => (s == null ? null : s.slice(0, n));

/** Appends one entry to the AT communication log and reports it to the listeners. */
export async function recordAtCommunication(tx: Tx, e: AtCommunicationEntry): Promise<number> {
  const row = await tx.insertInto('at_communications').values({
    account_id: e.accountId, document_id: e.documentId ?? null, series_id: e.seriesId ?? null, service: e.service, operation: e.operation,
    environment: e.environment, status: e.status, return_code: clip(e.returnCode, 100), return_message: clip(e.returnMessage, 1000),
    at_code: clip(e.atCode, 200), http_status: e.httpStatus ?? null,
    request: e.request === undefined ? null : JSON.stringify(e.request), response: e.response === undefined || e.response === null ? null : JSON.stringify(e.response),
    job_id: e.jobId ?? null, attempt: e.attempt ?? null, duration_ms: e.durationMs ?? null, started_at: e.startedAt.toISOString(),
  }).returning('id').executeTakeFirstOrThrow();
  const event: AtCommunicationEvent = {
    communicationId: row.id, accountId: e.accountId, documentId: e.documentId ?? null, seriesId: e.seriesId ?? null, service: e.service,
    operation: e.operation, status: e.status, returnCode: e.returnCode ?? null, returnMessage: e.returnMessage ?? null, atCode: e.atCode ?? null, final: e.final,
  };
  for (const l of listeners) await l(tx, event);
  await emitAtCommunicationEvent(tx, event);
  return row.id;
}

/** The log fields of a gateway answer. */
export function callFields(r: AtCallResult<unknown>): Pick<AtCommunicationEntry, 'status' | 'returnCode' | 'returnMessage' | 'httpStatus' | 'request' | 'response' | 'durationMs'> {
  return { status: r.outcome, returnCode: r.code, returnMessage: r.message, httpStatus: r.httpStatus, request: r.request, response: r.response, durationMs: r.durationMs };
}
