import { type Decimal, HUNDRED } from '../money/decimal.js';
import { DomainError, IssueCollector } from '../errors.js';
import { DOC_TYPE_INFO, type DocType } from './types.js';

/** What the legal checks need to know about a document about to be saved or finalized. */
export interface DocumentFacts {
  type: DocType;
  docDate: string;
  dueDate?: string | null;
  loadAt?: string | null;
  unloadAt?: string | null;
  loadAddress?: { street?: string | null; city?: string | null; postalCode?: string | null } | null;
  unloadAddress?: { street?: string | null; city?: string | null; postalCode?: string | null } | null;
  vehiclePlate?: string | null;
  customerIsFinalConsumer: boolean;
  grossTotal: Decimal;
  payableTotal: Decimal;
  hasRelatedDocument: boolean;
  lines: LineFacts[];
}

export interface LineFacts {
  quantity: Decimal;
  unitPrice: Decimal;
  discounts: Decimal[];
  taxRate: Decimal;
  taxType: 'IVA' | 'IS' | 'NS';
  exemptionCode?: string | null;
  productType: string;
  hasOrigin: boolean;
}

/**
 * Field-level checks of lines; every bad field is reported at once. `isExemptionCodeValid` is null for a regime
 * without Portuguese exemption codes (Belgium: a 0 % line is classified by its VAT category instead).
 */
export function checkLines(lines: LineFacts[], isExemptionCodeValid: ((code: string) => boolean) | null): void {
  const c = new IssueCollector();
  if (lines.length === 0) c.add('lines', 'required', 'A document needs at least one line.');
  lines.forEach((l, i) => {
    const at = `lines[${i}]`;
    if (!l.quantity.gt(0)) c.add(`${at}.quantity`, 'out_of_range', 'Quantity must be greater than zero.');
    if (l.unitPrice.lt(0)) c.add(`${at}.unitPrice`, 'out_of_range', 'Unit price cannot be negative.');
    if (l.discounts.length > 3) c.add(`${at}.discounts`, 'too_long', 'At most three cascaded discounts.', '3');
    l.discounts.forEach((d, j) => {
      // NOTE: D8632 §3.2.8 — discounts between 0 and 100%.
      if (d.lt(0) || d.gt(HUNDRED))
        c.add(`${at}.discounts[${j}]`, 'out_of_range', 'Discounts must be between 0 and 100%.');
    });
    if (l.taxRate.lt(0) || l.taxRate.gte(HUNDRED))
      c.add(`${at}.tax`, 'out_of_range', 'Tax rate must be between 0 and 100%.');
  });
  c.throwIfAny();

  lines.forEach((l, i) => {
    const at = `lines[${i}]`;
    const fullyDiscounted = l.discounts.some((d) => d.eq(HUNDRED));
    // NOTE: bill.pt error 271 / D8632 §2.2.6 — an offer is a 100% discount, never a zero price.
    if (l.unitPrice.isZero() && !fullyDiscounted) {
      throw new DomainError('zero_unit_price', 'A line cannot have a zero unit price: give a 100% discount instead.', [
        { field: `${at}.unitPrice`, issue: 'zero_price', message: 'Use a 100% discount for an offer.' },
      ]);
    }
    if (!isExemptionCodeValid) return;
    if (l.taxRate.isZero()) {
      // NOTE: D8632 §3.2.6, SAF-T assert (XSD 1.1) — a line without tax needs an exemption reason (also for NS).
      if (!l.exemptionCode) {
        throw new DomainError('exemption_required', 'A line with a 0% tax needs an exemption reason (M01…M99).', [
          { field: `${at}.exemptionCode`, issue: 'required', message: 'Required when the tax rate is 0%.' },
        ]);
      }
      if (!isExemptionCodeValid(l.exemptionCode)) {
        throw new DomainError('exemption_invalid', `Exemption reason ${l.exemptionCode} is not valid.`, [
          {
            field: `${at}.exemptionCode`,
            issue: 'invalid',
            message: 'Unknown or retired exemption code.',
            value: l.exemptionCode,
          },
        ]);
      }
    } else if (l.exemptionCode) {
      // NOTE: SAF-T assert — a taxed line carries no exemption reason.
      throw new DomainError('exemption_not_allowed', 'An exemption reason is only allowed on lines with a 0% tax.', [
        { field: `${at}.exemptionCode`, issue: 'not_allowed', message: 'The line is taxed.' },
      ]);
    }
  });
}

/** NOTE: simplified invoices (CIVA art. 40.º, portugal.md §5.6): ≤ €1 000 for retail to non-taxable persons, ≤ €100 otherwise. */
export const FS_RETAIL_LIMIT = 1000;
export const FS_OTHER_LIMIT = 100;
/** NOTE: bill.pt error 244 — documents to an unidentified customer are refused from this gross total (common practice; [UNCONFIRMED] in law). */
export const ANONYMOUS_CUSTOMER_LIMIT = 1000;

/** Document-level legal checks, run when a document is saved and again when it is finalized. */
export function checkDocument(f: DocumentFacts): void {
  const info = DOC_TYPE_INFO[f.type];
  // NOTE: bill.pt 241 — the due date cannot precede the document date.
  if (f.dueDate && f.dueDate < f.docDate) {
    throw new DomainError('due_date_before_document_date', 'The due date cannot be earlier than the document date.', [
      { field: 'dueDate', issue: 'out_of_range', message: 'Must be on or after the document date.', value: f.docDate },
    ]);
  }
  if (f.loadAt && f.loadAt.slice(0, 10) < f.docDate) {
    throw new DomainError('load_date_before_document_date', 'The loading date must be on or after the document date.', [
      { field: 'loadAt', issue: 'out_of_range', message: 'Must be on or after the document date.', value: f.docDate },
    ]);
  }
  if (f.unloadAt && f.loadAt && f.unloadAt < f.loadAt) {
    throw new DomainError('unload_date_invalid', 'The unloading date must be after the loading date.', [
      { field: 'unloadAt', issue: 'out_of_range', message: 'Must be after the loading date.', value: f.loadAt },
    ]);
  }
  if (info.family === 'transport') {
    // NOTE: RBC (DL 147/2003) art. 5.º and the sgdtws WSDL — load and unload places, start time and vehicle.
    const missing: string[] = [];
    if (!f.loadAddress?.street || !f.loadAddress.city) missing.push('loadAddress');
    if (!f.unloadAddress?.street || !f.unloadAddress.city) missing.push('unloadAddress');
    if (!f.loadAt) missing.push('loadAt');
    if (!f.vehiclePlate) missing.push('vehiclePlate');
    if (missing.length) {
      throw new DomainError(
        'transport_data_missing',
        'Transport documents need load and unload addresses, a start time and a vehicle plate.',
        missing.map((field) => ({ field, issue: 'required', message: 'Required on transport documents.' })),
      );
    }
  }
  if (info.rectifies && (!f.hasRelatedDocument || f.lines.some((l) => !l.hasOrigin))) {
    // NOTE: CIVA art. 36.º n.º 6, P302 4.1.4.19.10 — every line of a credit/debit note refers to the original: a
    // line or a document of the system, or one outside it by its number (issued before the system).
    throw new DomainError(
      'rectification_without_reference',
      'Every line of a credit or debit note must refer to the original document (a line of it, or its number).',
    );
  }
  // NOTE: D8632 §2.2.6 — no negative values.
  if (f.grossTotal.lt(0) || f.payableTotal.lt(0)) {
    throw new DomainError('negative_total', 'The document total cannot be negative.');
  }
  if (f.type === 'FS') {
    const gross = f.grossTotal;
    const hasServices = f.lines.some((l) => l.productType !== 'P');
    if (gross.gt(FS_RETAIL_LIMIT)) {
      throw new DomainError('simplified_invoice_limit', `A simplified invoice cannot exceed €${FS_RETAIL_LIMIT}.`, [], {
        limit: FS_RETAIL_LIMIT,
        reason: 'max',
      });
    }
    if (gross.gt(FS_OTHER_LIMIT) && hasServices) {
      throw new DomainError(
        'simplified_invoice_limit',
        `A simplified invoice with services cannot exceed €${FS_OTHER_LIMIT}.`,
        [],
        { limit: FS_OTHER_LIMIT, reason: 'services' },
      );
    }
    if (gross.gt(FS_OTHER_LIMIT) && !f.customerIsFinalConsumer) {
      throw new DomainError(
        'simplified_invoice_limit',
        `A simplified invoice to a VAT taxpayer cannot exceed €${FS_OTHER_LIMIT}.`,
        [],
        { limit: FS_OTHER_LIMIT, reason: 'taxable_customer' },
      );
    }
  }
  if (info.isInvoice && f.customerIsFinalConsumer && f.type !== 'FS' && f.grossTotal.gt(ANONYMOUS_CUSTOMER_LIMIT)) {
    throw new DomainError(
      'anonymous_customer_limit',
      `Documents above €${ANONYMOUS_CUSTOMER_LIMIT} need an identified customer.`,
      [],
      { limit: ANONYMOUS_CUSTOMER_LIMIT },
    );
  }
}
