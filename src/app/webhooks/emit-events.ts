import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { DocumentEventState } from '../../domain/webhooks/document-payload.js';
import type { WebhookEventType } from '../../domain/webhooks/events.js';
import type { Tx } from '../context.js';
import { enqueueJobRows } from '../jobs/enqueue-job.js';

export const EVENT_DISPATCH_JOB = 'event.dispatch';
export const EVENT_DISPATCH_MAX_ATTEMPTS = 10;

export interface EventDraft {
  type: WebhookEventType;
  /** Adds `data.document`: the issued document, with its state as it is in the emitting transaction (after the change). */
  documentId?: number | null;
  data?: Record<string, unknown>;
}

/** A webhook event as dispatched and delivered (the body receivers get). */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  accountId: number;
  data: Record<string, unknown>;
}

/**
 * An event as the outbox carries it: a document event names its document and records only what of it can still
 * change (status, balance); the dispatch builds `data.document` from the IssuedDocument (dispatch-events.ts), as
 * every output reads a document. Jobs queued by older versions carry a built `data.document` and no `document`.
 */
export interface QueuedEvent extends WebhookEvent {
  document?: DocumentEventState | null;
}

/**
 * Emits events from inside a business transaction with ONE statement: an INSERT … SELECT that adds a single
 * `event.dispatch` outbox job carrying all the events — and adds nothing when no enabled endpoint of the
 * account subscribes to any of them (the check is an index lookup). The events exist only if the change
 * commits. The same statement records each document's state (status, balance), so it is the state being committed.
 * The dispatch job fans each event out to the subscribed endpoints (dispatch-events.ts).
 */
export async function emitEvents(tx: Tx, accountId: number, events: EventDraft[]): Promise<void> {
  await enqueueJobRows(tx, [eventsJobRows(accountId, [events])]);
}

/**
 * Dispatch jobs as ONE outbox SELECT part: a job per group of events (e.g. per document of a batch), each
 * only when an enabled endpoint subscribes to one of the events; null without events. `documents`: where the
 * documents' state is read, when the same statement changes them (a CTE's RETURNING rows; the table's rows are
 * those from before the statement).
 */
export function eventsJobRows(
  accountId: number,
  groups: EventDraft[][],
  documents: RawBuilder<unknown> = sql`documents`,
) {
  const all = groups.flatMap((events, job) => events.map((e) => ({ job, e })));
  if (!all.length) return null;
  const types = [...new Set(all.map(({ e }) => e.type))];
  const items = all.map(({ job, e }, ord) => ({
    job,
    ord,
    id: `evt_${randomUUID().replace(/-/g, '')}`,
    type: e.type,
    document_id: e.documentId ?? null,
    data: e.data ?? {},
  }));
  const ids = [...new Set(items.flatMap((i) => (i.document_id === null ? [] : [i.document_id])))];
  return sql`
    SELECT ${accountId}::bigint, ${EVENT_DISPATCH_JOB}::text, jsonb_build_object('events', jsonb_agg(jsonb_build_object(
        'id', e.id, 'type', e.type, 'accountId', ${accountId}::bigint,
        'createdAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'data', e.data,
        'document', CASE WHEN d.id IS NULL THEN NULL ELSE jsonb_build_object('id', d.id, 'status', d.status,
          'openBalance', d.open_balance::text, 'paid', d.paid, 'cancelReason', d.cancel_reason) END
      ) ORDER BY e.ord)), NULL::text, ${EVENT_DISPATCH_MAX_ATTEMPTS}::integer
    FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS e(job integer, ord integer, id text, type text, document_id bigint, data jsonb)
    LEFT JOIN ${documents} d ON d.account_id = ${accountId} AND d.id = e.document_id
      AND d.id = ANY(${ids}::bigint[])
    WHERE EXISTS (
      SELECT 1 FROM webhook_endpoints w
      WHERE w.account_id = ${accountId} AND w.enabled AND (w.events ?| ${types}::text[] OR w.events ? '*'))
    GROUP BY e.job`;
}
