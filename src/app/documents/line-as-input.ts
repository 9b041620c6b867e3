import { dec } from '../../domain/money/decimal.js';
import type { DocumentLineRow } from '../../infra/db/schema.js';
import type { DecimalLike, LineInput } from './document-input.js';

/** The fields of a stored document line that a copy of it carries. */
export type CopiedLine = Pick<
  DocumentLineRow,
  | 'id'
  | 'item_id'
  | 'code'
  | 'description'
  | 'product_type'
  | 'quantity'
  | 'unit_price'
  | 'unit'
  | 'discount1'
  | 'discount2'
  | 'discount3'
  | 'tax_id'
  | 'exemption_code'
  | 'exemption_reason'
  | 'origin_line_id'
  | 'external_reference'
  | 'external_reference_date'
  | 'external_reference_reason'
> &
  Partial<Pick<DocumentLineRow, 'vat_category' | 'vatex_code'>>;

/** A line's cascaded discounts as an input gives them: the non-zero ones, in order. */
export function lineDiscounts(l: Pick<CopiedLine, 'discount1' | 'discount2' | 'discount3'>): string[] {
  return [l.discount1, l.discount2, l.discount3].filter((d) => !dec(d).isZero());
}

/**
 * A stored line as the line input that makes it again: its item, texts, price, discounts, tax and exemption.
 * `from: 'origin'` (a credit or debit note, a conversion) refers to the line itself as the new line's origin, with
 * the quantity, price or discounts given in its place; `from: 'draft'` (a draft read back to be changed) keeps the
 * line's own origin.
 */
export function lineAsInput(
  l: CopiedLine,
  from: 'draft' | 'origin',
  over: { quantity?: DecimalLike; unitPrice?: DecimalLike | null; discounts?: DecimalLike[] } = {},
): LineInput {
  return {
    itemId: l.item_id,
    code: l.code,
    description: l.description,
    productType: l.product_type as LineInput['productType'],
    quantity: over.quantity ?? l.quantity,
    unitPrice: over.unitPrice ?? l.unit_price,
    unit: l.unit,
    discounts: over.discounts ?? lineDiscounts(l),
    taxId: l.tax_id,
    exemptionCode: l.exemption_code,
    exemptionReason: l.exemption_reason,
    // A BE line's VAT category and VATEX code go with it (PT lines have none and stay as they were).
    ...(l.vat_category ? { vatCategory: l.vat_category, vatexCode: l.vatex_code ?? null } : {}),
    originLineId: from === 'origin' ? l.id : l.origin_line_id,
    // A draft keeps the original it names by number; a copy refers to the copied line instead.
    ...(from === 'draft' && l.external_reference
      ? {
          reference: {
            number: l.external_reference,
            date: l.external_reference_date,
            reason: l.external_reference_reason,
          },
        }
      : {}),
  };
}
