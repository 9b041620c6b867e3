import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Ctx, Tx } from '../context.js';
import { buildDraft } from './build-draft.js';
import type { DocumentInput } from './document-input.js';
import type { DocumentView } from './get-document.js';
import { lineAsInput } from './line-as-input.js';
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
    .set({ ...draft.doc, updated_at: sql`now()` })
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

/**
 * What a draft holds, as the input a partial update starts from (an API whose updates change only what the body
 * carries), transport data included: patching a draft is `updateDraft` with `{ ...draftAsInput(v), ...changes }`.
 */
export function draftAsInput(v: DocumentView): Partial<DocumentInput> {
  const d = v.doc;
  return {
    type: d.doc_type,
    seriesId: d.series_id,
    storeId: d.store_id,
    date: d.doc_date,
    dueDate: d.due_date,
    contactId: d.contact_id,
    reference: d.reference,
    observations: d.observations,
    currency: d.currency,
    exchangeRate: d.exchange_rate,
    vatIncluded: d.vat_included,
    paidOnIssue: d.settled_on_issue,
    globalDiscount: d.global_discount_kind ? { kind: d.global_discount_kind, value: d.global_discount_value! } : null,
    withholding: d.withholding_rate ? { rate: d.withholding_rate } : null,
    relatedDocumentId: d.related_document_id,
    paymentMethodId: d.payment_method_id,
    shippingMethodId: d.shipping_method_id,
    stateId: d.state_id,
    loadAddress: d.load_address,
    unloadAddress: d.unload_address,
    loadAt: d.load_at?.replace(' ', 'T') ?? null,
    unloadAt: d.unload_at?.replace(' ', 'T') ?? null,
    vehiclePlate: d.vehicle_plate,
    lines: v.lines.map((l) => lineAsInput(l, 'draft')),
  };
}
