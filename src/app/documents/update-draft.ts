import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Ctx, Tx } from '../context.js';
import { buildDraft } from './build-draft.js';
import type { DocumentInput } from './document-input.js';
import { finalizeDocument } from './finalize-document.js';
import { checkSendTo, queueSendTo } from '../email/send-to.js';

/** Replaces a draft's content. Only drafts change; finalized documents are immutable. */
export async function updateDraft(tx: Tx, ctx: Ctx, id: number, input: DocumentInput): Promise<number> {
  const current = await tx
    .selectFrom('documents')
    .select(['id', 'status', 'doc_type'])
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound('document', id);
  if (current.status !== 'draft')
    throw new DomainError('document_not_draft', 'Only drafts can be edited; issue a credit or debit note instead.');
  const sendTo = checkSendTo(input);
  const draft = await buildDraft(tx, ctx, { ...input, type: input.type ?? current.doc_type });
  await tx.deleteFrom('document_lines').where('account_id', '=', ctx.accountId).where('document_id', '=', id).execute();
  await tx
    .updateTable('documents')
    .set({ ...(draft.doc as object), updated_at: sql`now()` } as never)
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', id)
    .execute();
  if (draft.lines.length) {
    await tx
      .insertInto('document_lines')
      .values(draft.lines.map((l) => ({ ...l, account_id: ctx.accountId, document_id: id })))
      .execute();
  }
  if (input.finalize) await finalizeDocument(tx, ctx, id);
  if (sendTo) await queueSendTo(tx, ctx, id, sendTo);
  return id;
}
