import type { Ctx, Tx } from '../context.js';
import type { DocumentInput } from '../documents/document-input.js';
import {
  accountWrites,
  documentIssue,
  type DocumentWrites,
  type IssueResult,
  runIssue,
} from '../documents/issue-document.js';
import { claimExternalId, documentOfExternalId, duplicateExternalId } from './external-ids.js';

/**
 * Creates a document, at most once per ExternalId when one is given: a create whose ExternalId the account already
 * used is refused (`duplicateExternalId`), never answered with the first document. The id is claimed in the
 * transaction that writes the document, so of two concurrent creates with one ExternalId exactly one commits; a
 * known duplicate is refused before anything is prepared. Without an ExternalId, the core's group-committed issue.
 */
export async function createDocumentOnce(
  writes: DocumentWrites,
  db: Tx,
  ctx: Ctx,
  input: DocumentInput,
  externalId: string | undefined,
): Promise<IssueResult> {
  const issue = documentIssue(writes, db, ctx, input);
  if (!externalId) return runIssue(writes, ctx, issue);
  const existing = await documentOfExternalId(db, ctx.accountId, externalId);
  if (existing !== null) throw duplicateExternalId(externalId, existing);
  await issue.prepare();
  return writes.run(accountWrites(ctx.accountId), async (tx) => {
    const out = await issue.commit(tx);
    if (!(await claimExternalId(tx, ctx.accountId, externalId, out.id))) throw duplicateExternalId(externalId);
    return out;
  });
}
