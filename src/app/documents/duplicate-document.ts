import { DomainError } from '../../domain/errors.js';
import { DOC_TYPE_INFO, isDocType } from '../../domain/documents/types.js';
import type { Ctx, Tx } from '../context.js';
import { createDocument } from './create-document.js';
import { getDocument } from './get-document.js';
import { lineAsInput } from './line-as-input.js';
import { draftAsInput } from './update-draft.js';

/**
 * A new draft with the content of a document of the account (customer, lines, terms), dated when it is finalized.
 * It is not linked to the copied document nor to its origins: a conversion copied carries its lines, not the quote
 * it was made from. Credit and debit notes are issued from the document they correct, and receipts from what they
 * settle, so neither is copied.
 */
export async function duplicateDocument(tx: Tx, ctx: Ctx, id: number): Promise<number> {
  const v = await getDocument(tx, ctx.accountId, id);
  const type = v.doc.doc_type;
  const info = isDocType(type) ? DOC_TYPE_INFO[type] : undefined;
  if (!info || info.rectifies || info.family === 'payment' || info.family === 'opening_balance')
    throw new DomainError('conflict', 'Credit and debit notes, receipts and opening balances are not duplicated.');
  return createDocument(tx, ctx, {
    ...draftAsInput(v),
    type,
    date: null,
    dueDate: null,
    loadAt: null,
    unloadAt: null,
    relatedDocumentId: null,
    stateId: null,
    lines: v.lines.map((l) => ({ ...lineAsInput(l, 'draft'), originLineId: null, reference: null })),
    finalize: false,
  });
}
