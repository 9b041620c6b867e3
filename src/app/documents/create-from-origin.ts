import { DomainError, notFound } from '../../domain/errors.js';
import { dec } from '../../domain/money/decimal.js';
import { DOC_TYPE_INFO, isDocType } from '../../domain/documents/types.js';
import type { Ctx, Tx } from '../context.js';
import { createDocument } from './create-document.js';
import type { DocumentInput, LineInput } from './document-input.js';
import { lineAsInput } from './line-as-input.js';

export interface FromOriginInput extends Omit<DocumentInput, 'lines' | 'type' | 'contactId' | 'customer'> {
  type: string;
  originIds: number[];
  /** Which origin lines to carry, and how much; all remaining lines in full when absent. */
  lines?: { originLineId: number; quantity?: string | number; unitPrice?: string | number }[];
}

/**
 * Builds a credit/debit note or a conversion from earlier documents: the lines are copied from the origin
 * with their references, the customer is the origin's. Remaining quantities are checked again at finalize.
 */
export async function createFromOrigin(tx: Tx, ctx: Ctx, input: FromOriginInput): Promise<number> {
  if (!isDocType(input.type))
    throw new DomainError('validation', 'Unknown document type.', [
      { field: 'type', issue: 'invalid', message: 'Unknown document type.' },
    ]);
  if (!input.originIds?.length)
    throw new DomainError('validation', 'At least one origin document is required.', [
      { field: 'originIds', issue: 'required', message: 'Required.' },
    ]);
  const origins = await tx
    .selectFrom('documents')
    .select([
      'id',
      'contact_id',
      'status',
      'doc_no',
      'currency',
      'exchange_rate',
      'vat_included',
      'language',
      'global_discount_kind',
      'global_discount_value',
    ])
    .where('account_id', '=', ctx.accountId)
    .where('id', 'in', input.originIds)
    .execute();
  for (const id of input.originIds) if (!origins.find((o) => o.id === id)) throw notFound('document', id);
  if (new Set(origins.map((o) => o.contact_id)).size > 1)
    throw new DomainError('validation', 'All origin documents must have the same customer.', [
      { field: 'originIds', issue: 'invalid', message: 'Different customers.' },
    ]);
  const originLines = await tx
    .selectFrom('document_lines')
    .selectAll()
    .where('account_id', '=', ctx.accountId)
    .where('document_id', 'in', input.originIds)
    .orderBy('document_id')
    .orderBy('position')
    .execute();
  const pending = await remainingByLine(
    tx,
    ctx.accountId,
    originLines.map((l) => l.id),
    DOC_TYPE_INFO[input.type].rectifies,
  );

  const chosen =
    input.lines ??
    originLines
      .map((l) => ({ originLineId: l.id, quantity: undefined, unitPrice: undefined }))
      .filter((l) => pending.get(l.originLineId)!.gt(0));
  const lines: LineInput[] = chosen.map((c, i) => {
    const ol = originLines.find((l) => l.id === Number(c.originLineId));
    if (!ol)
      throw new DomainError(
        'not_found',
        `Line ${c.originLineId} is not on the origin documents.`,
        [{ field: `lines[${i}].originLineId`, issue: 'unknown', message: 'Not a line of the origin documents.' }],
        { resource: 'document line' },
      );
    return lineAsInput(ol, 'origin', {
      quantity: c.quantity ?? pending.get(ol.id)!.toString(),
      unitPrice: c.unitPrice,
    });
  });
  if (!lines.length)
    throw new DomainError(
      DOC_TYPE_INFO[input.type].rectifies ? 'rectification_exceeds_original' : 'conversion_exceeds_pending',
      'Nothing remains to carry from the origin documents.',
    );
  const first = origins[0];
  const { originIds: _o, lines: _l, ...rest } = input;
  return createDocument(tx, ctx, {
    currency: first.currency,
    exchangeRate: first.exchange_rate,
    vatIncluded: first.vat_included,
    language: first.language as 'pt',
    globalDiscount: first.global_discount_kind
      ? { kind: first.global_discount_kind, value: first.global_discount_value! }
      : null,
    ...rest,
    contactId: first.contact_id,
    relatedDocumentId: DOC_TYPE_INFO[input.type].rectifies ? first.id : null,
    lines,
  });
}

/** Quantity still creditable (for notes) or pending (for conversions) per origin line, from finalized documents. */
export async function remainingByLine(tx: Tx, accountId: number, lineIds: number[], forRectification: boolean) {
  const out = new Map<number, ReturnType<typeof dec>>();
  if (!lineIds.length) return out;
  const lines = await tx
    .selectFrom('document_lines')
    .select(['id', 'quantity'])
    .where('account_id', '=', accountId)
    .where('id', 'in', lineIds)
    .execute();
  const taken = await tx
    .selectFrom('document_lines as l')
    .innerJoin('documents as d', (j) =>
      j.onRef('d.account_id', '=', 'l.account_id').onRef('d.id', '=', 'l.document_id'),
    )
    .select(['l.origin_line_id', 'l.quantity'])
    .where('l.account_id', '=', accountId)
    .where('l.origin_line_id', 'in', lineIds)
    .where('d.status', '=', 'final')
    .$if(forRectification, (q) => q.where('d.doc_type', '=', 'NC'))
    .$if(!forRectification, (q) => q.where('d.doc_type', 'not in', ['NC', 'ND']))
    .execute();
  for (const l of lines)
    out.set(
      l.id,
      taken.filter((t) => t.origin_line_id === l.id).reduce((s, t) => s.minus(t.quantity), dec(l.quantity)),
    );
  return out;
}
