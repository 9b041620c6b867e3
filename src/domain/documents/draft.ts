import { type Decimal, ZERO, dec, round2 } from '../money/decimal.js';
import { IssueCollector } from '../errors.js';
import { CONSUMIDOR_FINAL_NIF } from '../pt/nif.js';
import { findExemption, isExemptionValidOn } from '../pt/exemption-codes.js';
import { addDays } from '../time.js';
import { type GlobalDiscount, type TaxRef, computeTotals, taxGroupKey } from '../totals/compute.js';
import type { ExternalReference } from './external-reference.js';
import { LINE_TEXT_LIMITS } from './limits.js';
import { checkDocument, checkLines } from './rules.js';
import { DOC_TYPE_INFO, type DocType } from './types.js';
import type { VatCategory } from './vat-category.js';
import { type BeLineVat, belgianLineVat, checkBelgianDocument } from '../be/line-vat.js';
import type { BeLang } from '../be/legal-mentions.js';
import type { FiscalRegime } from '../regime/fiscal-regime.js';

export type { GlobalDiscount };

export interface DraftAddress {
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
}

/** The customer of a draft: its snapshot fields and the defaults it gives the document. */
export interface DraftCustomer {
  id: number;
  code: string | null;
  name: string;
  taxId: string | null;
  isFinalConsumer: boolean;
  country: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  email: string | null;
  phone: string | null;
  /** A percentage, applied to lines that give no discount of their own. */
  defaultDiscount: string;
  paymentTermsDays: number;
}

export interface CustomerSnapshot {
  code: string | null;
  name: string;
  /** Empty under a regime without a final consumer's tax id when the customer has none (a Belgian consumer). */
  taxId: string;
  country: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  email: string | null;
  phone: string | null;
}

export interface DraftItem {
  id: number;
  code: string;
  description: string;
  price: string;
  priceWithVat: string | null;
  productType: string;
  /** The symbol of the item's unit, when it has one. */
  unitSymbol: string | null;
}

/** The line of another document a line copies or rectifies. */
export interface DraftOriginLine {
  id: number;
  documentId: number;
  itemId: number | null;
  code: string;
  description: string;
}

export interface DraftTax {
  id: number;
  type: TaxRef['type'];
  region: string;
  /** SAF-T TaxCode. */
  code: string;
  /** A percentage. */
  rate: string;
}

/** A line as asked, with its references resolved. */
export interface DraftLineRequest {
  /** The line names an item of its own (by id or inline), rather than taking its origin line's. */
  namesItem: boolean;
  code?: string | null;
  description?: string | null;
  unit?: string | null;
  productType?: string;
  exemptionCode?: string | null;
  exemptionReason?: string | null;
  /** A BE seller's line: its EN 16931 VAT category and VATEX code (refused on a PT seller's line). */
  vatCategory?: string | null;
  vatexCode?: string | null;
  quantity: Decimal;
  unitPrice: Decimal | undefined;
  discounts: Decimal[];
  origin: DraftOriginLine | null;
  /**
   * Credit and debit notes without an origin line: the original by its number. `documentId` when the number is
   * that of a document of the account (the line then refers to that document), else the original is outside.
   */
  reference?: { documentId: number | null; external: ExternalReference } | null;
  item: DraftItem | null;
  tax: DraftTax;
}

/** A document as asked, checked on its own, with its references resolved. */
export interface DraftRequest {
  type: DocType;
  docDate: string;
  dueDate: string | null;
  loadAt: string | null;
  unloadAt: string | null;
  loadAddress: DraftAddress | null;
  unloadAddress: DraftAddress | null;
  billing: DraftAddress | null;
  vehiclePlate: string | null;
  vatIncluded: boolean;
  globalDiscount: GlobalDiscount | undefined;
  withholdingRate: Decimal | undefined;
  roundingAdjustment: Decimal;
  exchangeRate: Decimal | null;
  /** The exemption code of 0 % lines that give none. */
  exemptionCode: string | null | undefined;
  relatedDocumentId: number | null;
  customer: DraftCustomer;
  lines: DraftLineRequest[];
  /**
   * Set for a seller under the Belgian regime: its lines carry EN 16931 VAT categories instead of Portuguese
   * exemption codes. `language` is that of the default legal mentions, `customerField` where the request named the
   * customer (`customer.taxId` or `contactId`), for the errors about its VAT number.
   */
  belgium?: { language: BeLang; customerField: string } | null;
  /** The seller's regime, for its customer rules (the final consumer's tax id, who may be anonymous); Portugal's when absent. */
  regime?: Pick<FiscalRegime, 'finalConsumerTaxId' | 'anonymousCustomerRefusal'>;
}

export interface DraftLine {
  position: number;
  itemId: number | null;
  code: string;
  description: string;
  productType: string;
  quantity: Decimal;
  unit: string;
  unitPrice: Decimal;
  /** Cascaded percentages: the line's own, else the customer's default. */
  discounts: Decimal[];
  tax: DraftTax;
  exemptionCode: string | null;
  exemptionReason: string | null;
  /** BE lines: the EN 16931 VAT category (also `tax.code`) and VATEX code; null on PT lines. */
  vatCategory: VatCategory | null;
  vatexCode: string | null;
  /** Net after every discount, unrounded. */
  netAmount: Decimal;
  unitNetPrice: Decimal;
  discountAmount: Decimal;
  /** Rounded to cents by the totals. */
  netTotal: Decimal;
  taxTotal: Decimal;
  grossTotal: Decimal;
  originLineId: number | null;
  originDocumentId: number | null;
  /** The corrected document outside the system (no origin document). */
  externalReference: ExternalReference | null;
}

export interface DraftTaxSummary {
  type: string;
  region: string;
  code: string;
  rate: Decimal;
  base: Decimal;
  tax: Decimal;
  exemptionCode: string | null;
  /** BE groups: the category (also `code`), VATEX code and reason of the group's lines. */
  vatCategory?: VatCategory;
  vatexCode?: string | null;
  exemptionReason?: string | null;
}

/** The content of a draft document: its lines with their amounts, its totals, its parties' snapshots. */
export interface DocumentDraft {
  type: DocType;
  docDate: string;
  dueDate: string | null;
  customer: CustomerSnapshot;
  lines: DraftLine[];
  taxSummary: DraftTaxSummary[];
  netTotal: Decimal;
  taxTotal: Decimal;
  grossTotal: Decimal;
  discountTotal: Decimal;
  withholdingTotal: Decimal;
  payableTotal: Decimal;
  /** The gross total in the document's currency, for a foreign currency. */
  currencyTotal: Decimal | null;
  relatedDocumentId: number | null;
}

/** A trimmed text, null when empty; a text longer than `max` is reported to the collector. */
export function optionalText(v: unknown, max: number, field: string, c: IssueCollector): string | null {
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  if (s.length > max) {
    c.add(field, 'too_long', `At most ${max} characters.`, String(max));
    return null;
  }
  return s || null;
}

/**
 * The customer as the document keeps it; an address given on the document replaces the contact's. A customer
 * without a tax id gets the regime's final consumer's (Portugal's 999999990), or an empty one where the regime has
 * none: there, the 999999990 a final-consumer contact of an older account carries is dropped too.
 */
export function customerSnapshot(
  c: Pick<DraftCustomer, 'code' | 'name' | 'taxId' | 'country' | 'street' | 'postalCode' | 'city' | 'email' | 'phone'>,
  billing: DraftAddress | null,
  finalConsumerTaxId: string | null = CONSUMIDOR_FINAL_NIF,
): CustomerSnapshot {
  return {
    code: c.code,
    name: c.name,
    taxId: finalConsumerTaxId === null && c.taxId === CONSUMIDOR_FINAL_NIF ? '' : (c.taxId ?? finalConsumerTaxId ?? ''),
    country: billing?.country ?? c.country,
    street: billing?.street ?? c.street,
    postalCode: billing?.postalCode ?? c.postalCode,
    city: billing?.city ?? c.city,
    email: c.email,
    phone: c.phone,
  };
}

/**
 * The draft of a document: each line's texts, price, discounts and exemption (from the line, else its origin line
 * or item, else the customer's defaults), the totals, and the legal checks of lines and document. Pure; throws a
 * validation error listing every issue.
 */
export function draftDocument(r: DraftRequest): DocumentDraft {
  const c = new IssueCollector();
  const L = LINE_TEXT_LIMITS;
  const be = r.belgium ?? null;
  if (be && r.exemptionCode)
    c.add('exemptionCode', 'not_allowed', 'Portuguese exemption codes do not apply to a Belgian seller.');
  const beVat: (BeLineVat | null)[] = [];
  const lines = r.lines.map((l, i): DraftLine => {
    const at = `lines[${i}]`;
    const { origin, item, tax } = l;
    // A line that refers to an origin line and names no item of its own carries the origin's code and description.
    const fromOrigin = l.namesItem ? null : origin;
    const code = optionalText(l.code, L.code, `${at}.code`, c) ?? fromOrigin?.code ?? item?.code ?? null;
    const description =
      optionalText(l.description, L.description, `${at}.description`, c) ??
      fromOrigin?.description ??
      item?.description ??
      null;
    if (!code && !description) c.add(`${at}.description`, 'required', 'A line needs an item or a description.');
    const defaultPrice = item ? (r.vatIncluded ? item.priceWithVat : item.price) : null;
    const unitPrice = l.unitPrice ?? (defaultPrice !== null ? dec(defaultPrice) : undefined);
    if (!unitPrice) c.add(`${at}.unitPrice`, 'required', 'A unit price is required when the line has no item.');
    const rate = dec(tax.rate);
    let vat: BeLineVat | null = null;
    if (be) {
      const reason = optionalText(l.exemptionReason, L.exemptionReason, `${at}.exemptionReason`, c);
      vat = belgianLineVat({ ...l, rate, exemptionReason: reason }, at, be.language, c);
      beVat.push(vat);
    } else if (l.vatCategory || l.vatexCode)
      c.add(
        `${at}.${l.vatCategory ? 'vatCategory' : 'vatexCode'}`,
        'not_allowed',
        'Only a Belgian seller’s lines carry a VAT category; a Portuguese line is classified by its tax and exemption code.',
      );
    const exemptionCode = be
      ? null
      : (l.exemptionCode ?? (rate.isZero() ? r.exemptionCode : null))?.trim().toUpperCase() || null;
    const discounts = l.discounts.length
      ? l.discounts
      : dec(r.customer.defaultDiscount).gt(0)
        ? [dec(r.customer.defaultDiscount)]
        : [];
    const unitSymbol = l.unit ?? item?.unitSymbol ?? 'UN';
    return {
      position: i + 1,
      itemId: item?.id ?? null,
      code: code ?? description?.slice(0, L.code) ?? '',
      description: description ?? code ?? '',
      productType: l.productType ?? item?.productType ?? 'P',
      quantity: l.quantity,
      unit: optionalText(unitSymbol, L.unit, `${at}.unit`, c) ?? 'UN',
      unitPrice: unitPrice ?? ZERO,
      discounts,
      // NOTE: EN 16931 BG-23 — a BE line's tax code is its VAT category, so the document's tax groups are per
      // (category, rate) as the VAT breakdown wants them.
      tax: vat ? { ...tax, code: vat.category } : tax,
      exemptionCode,
      vatCategory: vat?.category ?? null,
      vatexCode: vat?.vatexCode ?? null,
      exemptionReason: be
        ? (vat?.reason ?? null)
        : exemptionCode
          ? (optionalText(l.exemptionReason, L.exemptionReason, `${at}.exemptionReason`, c) ??
            findExemption(exemptionCode)?.text ??
            null)
          : null,
      netAmount: ZERO,
      unitNetPrice: ZERO,
      discountAmount: ZERO,
      netTotal: ZERO,
      taxTotal: ZERO,
      grossTotal: ZERO,
      originLineId: origin?.id ?? null,
      originDocumentId: origin ? origin.documentId : (l.reference?.documentId ?? null),
      externalReference: origin || l.reference?.documentId ? null : (l.reference?.external ?? null),
    };
  });
  const finalConsumerTaxId = r.regime ? r.regime.finalConsumerTaxId : CONSUMIDOR_FINAL_NIF;
  const anonymousRefusal = r.regime?.anonymousCustomerRefusal(r.type);
  if (anonymousRefusal && r.customer.isFinalConsumer) c.add('customer', 'required', anonymousRefusal);
  if (be) {
    const snapshot = customerSnapshot(r.customer, r.billing, finalConsumerTaxId);
    checkBelgianDocument(
      beVat,
      {
        taxId: r.customer.taxId,
        country: snapshot.country,
        isFinalConsumer: r.customer.isFinalConsumer,
        field: be.customerField,
      },
      { country: r.unloadAddress?.country ?? null, date: r.unloadAt?.slice(0, 10) ?? null },
      c,
    );
  }
  c.throwIfAny();

  const facts = lines.map((l) => ({
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discounts: l.discounts,
    tax: { type: l.tax.type, region: l.tax.region, code: l.tax.code, rate: dec(l.tax.rate) },
    taxRate: dec(l.tax.rate),
    taxType: l.tax.type,
    exemptionCode: l.exemptionCode,
    productType: l.productType,
    hasOrigin: l.originLineId !== null || l.originDocumentId !== null || l.externalReference !== null,
  }));
  // NOTE: the exemption codes (portugal.md §6.2) each have a period of validity: a code is checked on the document date.
  // A BE line's exemption is its VAT category, checked above: no Portuguese code is asked of its 0 % lines.
  checkLines(facts, be ? null : (code) => isExemptionValidOn(code, r.docDate));
  const totals = computeTotals({
    lines: facts,
    vatIncluded: r.vatIncluded,
    globalDiscount: r.globalDiscount,
    withholdingRate: r.withholdingRate,
    roundingAdjustment: r.roundingAdjustment,
  });
  totals.lines.forEach((t, i) =>
    Object.assign(lines[i], {
      netAmount: t.net,
      unitNetPrice: t.unitNet,
      discountAmount: t.discount,
      netTotal: t.netRounded,
      taxTotal: t.tax,
      grossTotal: t.gross,
    }),
  );

  const relatedDocumentId = r.relatedDocumentId ?? lines.find((l) => l.originDocumentId)?.originDocumentId ?? null;
  const customer = r.customer;
  checkDocument({
    type: r.type,
    docDate: r.docDate,
    dueDate: r.dueDate,
    loadAt: r.loadAt,
    unloadAt: r.unloadAt,
    loadAddress: r.loadAddress,
    unloadAddress: r.unloadAddress,
    vehiclePlate: r.vehiclePlate,
    customerIsFinalConsumer: customer.isFinalConsumer || !customer.taxId || customer.taxId === CONSUMIDOR_FINAL_NIF,
    grossTotal: totals.grossTotal,
    payableTotal: totals.payableTotal,
    hasRelatedDocument: relatedDocumentId !== null || lines.some((l) => l.externalReference !== null),
    lines: facts,
  });

  // The exemption code of a tax group is that of its last line (BE: its category, VATEX code and reason).
  const exemptionOf = new Map<string, string | null>();
  const beGroupOf = new Map<string, Pick<DraftTaxSummary, 'vatCategory' | 'vatexCode' | 'exemptionReason'>>();
  facts.forEach((f, i) => {
    exemptionOf.set(taxGroupKey(f.tax), lines[i].exemptionCode);
    const l = lines[i];
    if (l.vatCategory)
      beGroupOf.set(taxGroupKey(f.tax), {
        vatCategory: l.vatCategory,
        vatexCode: l.vatexCode,
        exemptionReason: l.exemptionReason,
      });
  });
  return {
    type: r.type,
    docDate: r.docDate,
    dueDate: r.dueDate ?? (DOC_TYPE_INFO[r.type].receivable ? addDays(r.docDate, customer.paymentTermsDays) : null),
    customer: customerSnapshot(customer, r.billing, finalConsumerTaxId),
    lines,
    taxSummary: totals.taxGroups.map((g) => ({
      type: g.type,
      region: g.region,
      code: g.code,
      rate: g.rate,
      base: g.base,
      tax: g.tax,
      exemptionCode: exemptionOf.get(taxGroupKey(g)) ?? null,
      ...beGroupOf.get(taxGroupKey(g)),
    })),
    netTotal: totals.netTotal,
    taxTotal: totals.taxTotal,
    grossTotal: totals.grossTotal,
    discountTotal: totals.discountTotal,
    withholdingTotal: totals.withholdingAmount,
    payableTotal: totals.payableTotal,
    currencyTotal: r.exchangeRate ? round2(totals.grossTotal.times(r.exchangeRate)) : null,
    relatedDocumentId,
  };
}
