import { createHash } from 'node:crypto';
import { accountConfig } from '../../app/accounts/account-config.js';
import type { DocumentInput } from '../../app/documents/document-input.js';
import { documentIssue, runIssue, type DocumentIssue, type IssueInput } from '../../app/documents/issue-document.js';
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
  const issue = ixIssue(c, input);
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

/**
 * InvoiceXpress items are keyed by name and take the values each line sends, so a line with an item always writes
 * it (created or updated): the core's read-only prepare would read the customer and the items only to stop there,
 * and the transaction would read them again. Such a create resolves its body outside the transaction and is
 * prepared once, inside it; any other (lines carried from an owner document) is prepared before it as usual.
 * Either way the account's configuration is read before the transaction (the core's prepare caches it; a
 * transaction reads it without caching), so the transaction never waits on it.
 */
function ixIssue(c: Call, input: IssueInput): DocumentIssue {
  let issue: DocumentIssue | undefined;
  return {
    async prepare() {
      const resolved = typeof input === 'function' ? await input(c.db) : input;
      issue = documentIssue(c.writes, c.db, c.ctx, resolved);
      if (writesItems(resolved)) await accountConfig(c.db, c.ctx);
      else await issue.prepare();
    },
    together: async () => issue?.together(),
    commit: (tx) => (issue ?? documentIssue(c.writes, c.db, c.ctx, input)).commit(tx),
  };
}

const writesItems = (input: DocumentInput) => !!input.lines?.some((l) => l.item?.updateExisting);
