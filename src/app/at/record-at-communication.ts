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

/** What the webhook event of a logged communication carries. */
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

const clip = (s: string | null | undefined, n: number) => (s == null ? null : s.slice(0, n));

/** Appends one entry to the AT communication log and emits its webhook event in the same transaction. */
export async function recordAtCommunication(tx: Tx, e: AtCommunicationEntry): Promise<number> {
  const row = await tx
    .insertInto('at_communications')
    .values({
      account_id: e.accountId,
      document_id: e.documentId ?? null,
      series_id: e.seriesId ?? null,
      service: e.service,
      operation: e.operation,
      environment: e.environment,
      status: e.status,
      return_code: clip(e.returnCode, 100),
      return_message: clip(e.returnMessage, 1000),
      at_code: clip(e.atCode, 200),
      http_status: e.httpStatus ?? null,
      request: e.request === undefined ? null : JSON.stringify(e.request),
      response: e.response === undefined || e.response === null ? null : JSON.stringify(e.response),
      job_id: e.jobId ?? null,
      attempt: e.attempt ?? null,
      duration_ms: e.durationMs ?? null,
      started_at: e.startedAt.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const event: AtCommunicationEvent = {
    communicationId: row.id,
    accountId: e.accountId,
    documentId: e.documentId ?? null,
    seriesId: e.seriesId ?? null,
    service: e.service,
    operation: e.operation,
    status: e.status,
    returnCode: e.returnCode ?? null,
    returnMessage: e.returnMessage ?? null,
    atCode: e.atCode ?? null,
    final: e.final,
  };
  await emitAtCommunicationEvent(tx, event);
  return row.id;
}

/** The log fields of a gateway answer. */
export function callFields(
  r: AtCallResult<unknown>,
): Pick<
  AtCommunicationEntry,
  'status' | 'returnCode' | 'returnMessage' | 'httpStatus' | 'request' | 'response' | 'durationMs'
> {
  return {
    status: r.outcome,
    returnCode: r.code,
    returnMessage: r.message,
    httpStatus: r.httpStatus,
    request: r.request,
    response: r.response,
    durationMs: r.durationMs,
  };
}
