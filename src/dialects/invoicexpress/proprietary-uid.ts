import type { Transaction } from 'kysely';
import { onceByKey, requestHash } from '../../http/idempotency.js';
import type { DB } from '../../infra/db/schema.js';
import type { Call } from './context.js';
import { IxError } from './ix-error.js';

/**
 * Runs a document create at most once per `proprietary_uid` (scope `ix`). The uid names the caller's process, not
 * the body: a later request with the same uid gets the original document whatever it sends (never a second one);
 * one still in flight gets 409. Without a uid the create just runs. Returns the document id and whether it was replayed.
 */
export async function createOnce(
  c: Call,
  uid: string | undefined,
  work: (tx: Transaction<DB>) => Promise<number>,
): Promise<{ id: number; replayed: boolean }> {
  if (!uid) return { id: await c.docTx(work), replayed: false };
  if (uid.length > 255) throw new IxError(422, ['proprietary_uid is too long (at most 255 characters)']);
  const out = await onceByKey(
    c.db,
    { accountId: c.accountId, scope: 'ix', key: uid, hash: requestHash(['ix-document']) },
    async (tx) => ({ status: 201, documentId: await work(tx) }),
    (fn) => c.docTx(fn),
  );
  if (!out.documentId) throw new IxError(409, ['The document of this proprietary_uid was deleted']);
  return { id: out.documentId, replayed: out.replayed };
}
