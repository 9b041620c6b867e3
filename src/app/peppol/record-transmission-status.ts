import { sql } from 'kysely';
import type { PeppolTransmissionStatus } from '../../infra/db/schema.js';
import type { Tx } from '../context.js';
import { emitEvents } from '../webhooks/emit-events.js';
import { transmissionView, type TransmissionRow } from './transmission-view.js';

export interface TransmissionChange {
  status?: PeppolTransmissionStatus;
  transmissionId?: string | null;
  reason?: string | null;
  attempts?: number;
  transport?: 'peppol' | 'email';
  receiver?: string | null;
  emailId?: number | null;
}

/** How far along a status is: a late or repeated report never moves a transmission back (delivered stays delivered). */
const RANK: Record<PeppolTransmissionStatus, number> = { queued: 0, sent: 1, delivered: 2, refused: 2, failed: 2 };

/**
 * Changes a transmission and, when its status changed, emits `document.peppol.<status>` in the same transaction
 * (data.document, data.transmission). Answers the row as it is now, or null when it is not the account's.
 */
export async function recordTransmissionStatus(
  tx: Tx,
  accountId: number,
  id: number,
  change: TransmissionChange,
): Promise<TransmissionRow | null> {
  const current = await tx
    .selectFrom('peppol_transmissions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!current) return null;
  const status =
    change.status && (RANK[change.status] > RANK[current.status] || current.status === change.status)
      ? change.status
      : current.status;
  const row = await tx
    .updateTable('peppol_transmissions')
    .set({
      status,
      ...(change.transmissionId !== undefined ? { transmission_id: change.transmissionId } : {}),
      ...(change.reason !== undefined ? { reason: change.reason?.slice(0, 2000) ?? null } : {}),
      ...(change.attempts !== undefined ? { attempts: change.attempts } : {}),
      ...(change.transport !== undefined ? { transport: change.transport } : {}),
      ...(change.receiver !== undefined ? { receiver: change.receiver } : {}),
      ...(change.emailId !== undefined ? { email_id: change.emailId } : {}),
      updated_at: sql<string>`now()` as unknown as string,
    })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (status !== current.status) await emitTransmissionEvent(tx, row);
  return row;
}

export async function emitTransmissionEvent(tx: Tx, row: TransmissionRow): Promise<void> {
  await emitEvents(tx, row.account_id, [
    {
      type: `document.peppol.${row.status}`,
      documentId: row.document_id,
      data: { transmission: transmissionView(row) },
    },
  ]);
}
