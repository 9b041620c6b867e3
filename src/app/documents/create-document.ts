import { regimeOf } from '../../domain/regime/registry.js';
import { WritesNeeded, type Ctx, type Tx } from '../context.js';
import { randomUrlToken } from '../accounts/credentials.js';
import { buildDraft, type Draft } from './build-draft.js';
import type { DocumentInput } from './document-input.js';
import { finalizeDocument } from './finalize-document.js';
import { checkSeriesActive, finalizeHead } from './finalize-values.js';
import { requireSigningKey } from './signing-key.js';
import type { DocumentView } from './get-document.js';
import { issueDocuments } from './issue-documents.js';
import type { PreparedDocument } from './prepared-document.js';

export type { PreparedDocument };
import { checkSendTo, queueSendTo } from '../email/send-to.js';

/**
 * Everything of a create that needs no lock: customer and item resolution, validation, totals, the signing key.
 * With `readOnly` it writes nothing (it can run outside the transaction) and returns null when the request needs
 * a write first (an inline customer or item to create): the caller then prepares inside its transaction.
 */
export async function prepareDocument(
  tx: Tx,
  ctx: Ctx,
  input: DocumentInput,
  opts: { readOnly?: boolean } = {},
): Promise<PreparedDocument | null> {
  const sendTo = checkSendTo(input);
  let draft: Draft;
  try {
    draft = await buildDraft(tx, ctx, input, opts);
  } catch (err) {
    if (opts.readOnly && err instanceof WritesNeeded) return null;
    throw err;
  }
  const finalize = !!input.finalize;
  const referencesOthers =
    draft.doc.related_document_id !== null ||
    draft.lines.some((l) => l.origin_line_id !== null || l.origin_document_id !== null);
  let issue: PreparedDocument['issue'] = null;
  if (finalize && !referencesOthers && draft.lines.length > 0) {
    const head = finalizeHead(draft.account, draft.series);
    checkSeriesActive(head);
    issue = {
      head,
      key: regimeOf(draft.account).signs(draft.doc.doc_type) ? requireSigningKey(draft.signingKey) : null,
    };
  }
  return { draft, sendTo, finalize, issue };
}

/**
 * Writes a prepared document. A create-and-finalize without references is issued by `issueDocuments` (a batch
 * of one) and comes back as written, so the response needs no re-read; anything else is a draft, then finalized.
 */
export async function commitDocument(
  tx: Tx,
  ctx: Ctx,
  p: PreparedDocument,
): Promise<{ id: number; view: DocumentView | null }> {
  const { draft } = p;
  const docValues = { ...draft.doc, account_id: ctx.accountId, download_token: randomUrlToken() };
  if (!p.issue) {
    const { id } = await tx.insertInto('documents').values(docValues).returning('id').executeTakeFirstOrThrow();
    if (draft.lines.length) {
      await tx
        .insertInto('document_lines')
        .values(draft.lines.map((l) => ({ ...l, account_id: ctx.accountId, document_id: id })))
        .execute();
    }
    if (p.finalize) await finalizeDocument(tx, ctx, id);
    if (p.sendTo) await queueSendTo(tx, ctx, id, p.sendTo);
    return { id, view: null };
  }

  return (await issueDocuments(tx, ctx.accountId, [{ ctx, prepared: p }]))[0];
}

/** Creates a draft (consuming no number) and, when asked, finalizes it in the same transaction. */
export async function createDocument(tx: Tx, ctx: Ctx, input: DocumentInput): Promise<number> {
  const prepared = (await prepareDocument(tx, ctx, input))!;
  return (await commitDocument(tx, ctx, prepared)).id;
}
