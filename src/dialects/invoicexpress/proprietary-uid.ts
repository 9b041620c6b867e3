import { createHash } from 'node:crypto';
import { documentIssue, runIssue, type IssueInput } from '../../app/documents/issue-document.js';
import { runOnce } from '../../app/idempotency/run-once.js';
import type { Call } from './context.js';
import { IxError } from './ix-error.js';

/** Every create of a uid is "the same request" (the native API's request hash of `['ix-document']`, as stored). */
const IX_DOCUMENT = createHash('sha256')
  .update(JSON.stringify(['ix-document']))
  .digest('hex');

/**
 * Creates a document (`issueDocument`: resolved and prepared before the transaction, written in the account's
 * group-committed one) at most once per `proprietary_uid` (scope `ix`). The uid names the caller's process, not
 * the body: a later request with the same uid gets the original document whatever it sends (never a second one);
 * one still in flight gets 409. Without a uid the create just runs. Returns the document id and whether it was replayed.
 */
export async function createOnce(
  c: Call,
  uid: string | undefined,
  input: IssueInput,
): Promise<{ id: number; replayed: boolean }> {
  const issue = documentIssue(c.writes, c.db, c.ctx, input);
  if (!uid) return { id: (await runIssue(c.writes, c.ctx, issue)).id, replayed: false };
  if (uid.length > 255) throw new IxError(422, ['proprietary_uid is too long (at most 255 characters)']);
  const out = await runOnce(
    c.db,
    { accountId: c.accountId, scope: 'ix', key: uid, hash: IX_DOCUMENT },
    async (tx) => ({ status: 201, documentId: (await issue.commit(tx)).id }),
    (fn) => c.docTx(fn),
    () => issue.prepare(),
  );
  if (!out.documentId) throw new IxError(409, ['The document of this proprietary_uid was deleted']);
  return { id: out.documentId, replayed: out.replayed };
}
