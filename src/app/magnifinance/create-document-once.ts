import type { Transaction } from 'kysely';
import type { DB } from '../../infra/db/schema.js';
import type { Ctx, Tx } from '../context.js';
import { commitDocument, prepareDocument } from '../documents/create-document.js';
import type { DocumentInput } from '../documents/document-input.js';
import {
  accountWrites,
  type DocumentWrites,
  type IssueResult,
  runIssue,
  documentIssue,
} from '../documents/issue-document.js';
import { type IssueRequest, issueDocuments } from '../documents/issue-documents.js';
import { claimExternalIds, documentOfExternalId, duplicateExternalId } from './external-ids.js';

interface OnceRequest extends IssueRequest {
  externalId: string;
}

/**
 * Issues prepared create-and-finalize requests together (the core's `issueDocuments`) and claims their ExternalIds
 * in one statement of the same transaction. A duplicate among them fails the call: the batcher then issues each
 * alone, and only the duplicate fails.
 */
async function issueOnce(tx: Transaction<DB>, items: OnceRequest[]): Promise<IssueResult[]> {
  const accountId = items[0]!.ctx.accountId;
  const results = await issueDocuments(tx, accountId, items);
  const claims = items.map((item, i) => ({ externalId: item.externalId, documentId: results[i]!.id }));
  if ((await claimExternalIds(tx, accountId, claims)) < items.length) throw duplicateExternalId(items[0]!.externalId);
  return results;
}

/**
 * Creates a document, at most once per ExternalId when one is given: a create whose ExternalId the account already
 * used is refused (`duplicateExternalId`), never answered with the first document. The id is claimed in the
 * transaction that writes the document, so of two concurrent creates with one ExternalId exactly one commits; a
 * known duplicate is refused before anything is prepared. A create-and-finalize is issued with the account's other
 * such creates, as the core's are (group commit, multi-row statements).
 */
export async function createDocumentOnce(
  writes: DocumentWrites,
  db: Tx,
  ctx: Ctx,
  input: DocumentInput,
  externalId: string | undefined,
): Promise<IssueResult> {
  if (!externalId) return runIssue(writes, ctx, documentIssue(writes, db, ctx, input));
  const existing = await documentOfExternalId(db, ctx.accountId, externalId);
  if (existing !== null) throw duplicateExternalId(externalId, existing);
  const prepared = await prepareDocument(db, ctx, input, { readOnly: true });
  if (prepared?.issue)
    return writes.runCombined(accountWrites(ctx.accountId), issueOnce, { ctx, prepared, externalId });
  return writes.run(accountWrites(ctx.accountId), async (tx) => {
    const out = await commitDocument(tx, ctx, prepared ?? (await prepareDocument(tx, ctx, input))!);
    const claimed = await claimExternalIds(tx, ctx.accountId, [{ externalId, documentId: out.id }]);
    if (claimed < 1) throw duplicateExternalId(externalId);
    return out;
  });
}
