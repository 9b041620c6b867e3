import type { Ctx, Tx } from '../context.js';
import { randomUrlToken } from '../accounts/credentials.js';
import { buildDraft } from './build-draft.js';
import type { DocumentInput } from './document-input.js';
import { finalizeDocument } from './finalize-document.js';
import { checkSendTo, queueSendTo } from '../email/send-to.js';

/** Creates a draft (consuming no number) and, when asked, finalizes it in the same transaction. */
export async function createDocument(tx: Tx, ctx: Ctx, input: DocumentInput): Promise<number> {
  const sendTo = checkSendTo(input);
  const draft = await buildDraft(tx, ctx, input);
  const { id } = await tx.insertInto('documents')
    .values({ ...(draft.doc as object), account_id: ctx.accountId, download_token: randomUrlToken() } as never)
    .returning('id').executeTakeFirstOrThrow();
  if (draft.lines.length) {
    await tx.insertInto('document_lines').values(draft.lines.map((l) => ({ ...l, account_id: ctx.accountId, document_id: id }))).execute();
  }
  if (input.finalize) await finalizeDocument(tx, ctx, id);
  if (sendTo) await queueSendTo(tx, ctx, id, sendTo);
  return id;
}
