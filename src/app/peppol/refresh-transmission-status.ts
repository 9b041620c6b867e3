import type { Db } from '../context.js';
import { loadAccessPoint } from './load-access-point.js';
import type { PeppolDeps } from './ports.js';
import { recordTransmissionStatus } from './record-transmission-status.js';

/**
 * Asks the access point for the state of the document's latest transmission still `sent` (for an access point
 * whose status webhook is not set up), and records what changed with its event. The stored state stands when the
 * access point cannot be asked or does not answer: a poll is a courtesy, the webhook and later polls catch up.
 */
export async function refreshTransmissionStatus(
  db: Db,
  deps: PeppolDeps,
  accountId: number,
  documentId: number,
): Promise<void> {
  const t = await db
    .selectFrom('peppol_transmissions')
    .select(['id', 'transmission_id'])
    .where('account_id', '=', accountId)
    .where('document_id', '=', documentId)
    .where('transport', '=', 'peppol')
    .where('status', '=', 'sent')
    .where('transmission_id', 'is not', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!t?.transmission_id) return;
  const ap = await loadAccessPoint(db, deps.secrets, accountId);
  const client = ap ? deps.accessPoint(ap.config) : null;
  if (!client?.status) return;
  let s;
  try {
    s = await client.status(t.transmission_id);
  } catch {
    return;
  }
  if (!s || s.status === 'sent') return;
  const status = s;
  await db.transaction().execute((tx) =>
    recordTransmissionStatus(tx, accountId, t.id, {
      status: status.status,
      ...(status.reason && status.status !== 'delivered' ? { reason: status.reason } : {}),
    }),
  );
}
