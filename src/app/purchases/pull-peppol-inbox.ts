import { sql, type Kysely } from 'kysely';
import { formatParticipantId } from '../../domain/einvoice/peppol-ids.js';
import { DomainError } from '../../domain/errors.js';
import type { DB } from '../../infra/db/schema.js';
import { noteOutboxWrite } from '../../infra/jobs/outbox-writes.js';
import type { Job } from '../../infra/jobs/worker.js';
import { loadAccessPoint } from '../peppol/load-access-point.js';
import type { PurchaseDeps } from './ports.js';
import { findPurchaseByTransmission } from './find-purchase-by-transmission.js';
import { receiveEinvoice } from './receive-einvoice.js';
import { recordPurchaseDocument } from './record-purchase-document.js';

export const INBOX_PULL_JOB = 'peppol.inbox.pull';

export interface InboxPullResult {
  fetched: number;
  stored: number;
  /** Documents the access point offered that are not e-invoices: left in its inbox, unacknowledged. */
  unreadable: number;
}

/**
 * The outbox handler of `peppol.inbox.pull`: fetches the documents waiting in the account's access-point inbox
 * (where it has one), stores each (a document already stored is not stored twice), and acknowledges it once the
 * row is committed, so the access point stops offering it. A crash between the two only makes the next pull see
 * it again, and store nothing. A transport fault throws: the outbox retries.
 */
export async function pullPeppolInbox(db: Kysely<DB>, deps: PurchaseDeps, job: Pick<Job, 'account_id'>) {
  const accountId = job.account_id;
  const peppol = deps.peppol();
  const ap = await loadAccessPoint(db, peppol.secrets, accountId);
  const client = ap ? peppol.accessPoint(ap.config) : null;
  const result: InboxPullResult = { fetched: 0, stored: 0, unreadable: 0 };
  if (!client?.fetchInbox) return result;
  const docs = await client.fetchInbox();
  result.fetched = docs.length;
  for (const doc of docs) {
    if (await findPurchaseByTransmission(db, accountId, doc.transmissionId)) {
      await client.acknowledge?.(doc.transmissionId);
      continue;
    }
    let received;
    try {
      received = await receiveEinvoice(deps, doc.xml);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      result.unreadable += 1;
      continue;
    }
    const { created } = await db.transaction().execute((tx) =>
      recordPurchaseDocument(tx, accountId, received, {
        source: 'peppol',
        transmissionId: doc.transmissionId,
        sender: formatParticipantId(doc.sender),
        receiver: formatParticipantId(doc.receiver),
        receivedAt: doc.receivedAt,
      }),
    );
    if (created) result.stored += 1;
    await client.acknowledge?.(doc.transmissionId);
  }
  return result;
}

/**
 * Housekeeping: one pending `peppol.inbox.pull` per account whose access point is a service provider (the kind
 * with an inbox; a gateway pushes), due `everySeconds` from now. ONE statement; an account that already has one
 * pending or running gets none (the outbox's dedupe key).
 */
export async function schedulePeppolInboxPulls(db: Kysely<DB>, everySeconds: number): Promise<number> {
  const r = await sql<{ id: number }>`
    INSERT INTO jobs (account_id, kind, payload, dedupe_key, max_attempts, run_at)
    SELECT s.account_id, ${INBOX_PULL_JOB}::text, '{}'::jsonb, 'pull', 3, now() + make_interval(secs => ${everySeconds})
      FROM peppol_settings s WHERE s.kind = 'service-provider'
    ON CONFLICT (account_id, kind, dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ('pending', 'running') DO NOTHING
    RETURNING id`.execute(db);
  if (r.rows.length) noteOutboxWrite();
  return r.rows.length;
}
