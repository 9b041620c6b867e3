import type { Tx } from '../context.js';
import { emitEvents } from './emit-events.js';

/** What record-at-communication.ts reports (its AtCommunicationEvent; restated here to keep imports one-way). */
export interface AtCommunicationOutcome {
  communicationId: number;
  accountId: number;
  documentId: number | null;
  seriesId: number | null;
  service: string;
  operation: string;
  status: 'success' | 'retryable' | 'permanent' | 'skipped';
  returnCode: string | null;
  returnMessage: string | null;
  atCode: string | null;
  /** No further automatic attempt will follow. */
  final: boolean;
}

/**
 * at.communication.succeeded when AT accepted; at.communication.failed when AT refused for good or the last
 * attempt failed. Transient failures that will be retried, and skips, emit nothing.
 */
export async function emitAtCommunicationEvent(tx: Tx, e: AtCommunicationOutcome): Promise<void> {
  const type =
    e.status === 'success'
      ? 'at.communication.succeeded'
      : e.status === 'permanent' || (e.status === 'retryable' && e.final)
        ? 'at.communication.failed'
        : null;
  if (!type) return;
  await emitEvents(tx, e.accountId, [
    {
      type,
      documentId: e.documentId,
      data: {
        communication: {
          id: e.communicationId,
          documentId: e.documentId,
          seriesId: e.seriesId,
          service: e.service,
          operation: e.operation,
          status: e.status,
          returnCode: e.returnCode,
          returnMessage: e.returnMessage,
          atCode: e.atCode,
          final: e.final,
        },
      },
    },
  ]);
}
