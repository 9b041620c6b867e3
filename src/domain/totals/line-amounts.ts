import { type Decimal, HUNDRED, round2, roundTo, sum } from '../money/decimal.js';

/** Internal precision of line values: D8632 §3.2.3 requires more than 2 decimals in calculations. */
export const LINE_PLACES = 10;

/** What a line's amounts depend on: quantity, unit price, its own cascaded discounts (percentages) and its tax rate. */
export interface LineAmountsInput {
  quantity: Decimal;
  /** Net unit price, or gross when the document's prices include VAT. */
  unitPrice: Decimal;
  /** Up to three cascaded discount percentages; zeros are allowed and change nothing. */
  discounts: Decimal[];
  /** Percentage, e.g. 23. */
  taxRate: Decimal;
}

/**
 * One line's amounts from its own data, before any share of a document-level (global) discount.
 * Exact values at LINE_PLACES; display values at 2 decimals.
 */
export interface LineAmounts {
  /** quantity × unit price. */
  base: Decimal;
  /** Unit price after the line's cascaded discounts. */
  unitPrice: Decimal;
  /** base after the line's cascaded discounts: net, or gross with VAT-included prices. */
  value: Decimal;
  /** base − value. */
  discount: Decimal;
  /** The cascaded discounts as one percentage (10 then 10 → 19); their sum when the line's base is zero. */
  discountPercent: Decimal;
  /** Display: base, discount and value to the cent. */
  subtotal: Decimal;
  discountAmount: Decimal;
  amount: Decimal;
  /** Display: net, tax and gross of the line to the cent (see lineTax). */
  net: Decimal;
  tax: Decimal;
  gross: Decimal;
  /** subtotal − discountAmount + tax: the printed columns of a net-priced line add up to it. */
  total: Decimal;
}

/** Applies cascaded discount percentages one after the other: 100 less 10 % less 10 % is 81. */
export function cascadeDiscounts(value: Decimal, discounts: readonly Decimal[]): Decimal {
  return discounts.reduce((v, d) => v.times(HUNDRED.minus(d)).div(HUNDRED), value);
}

/** quantity × unit price and that after the line's cascaded discounts, both at LINE_PLACES (computeTotals' values). */
export function lineValue(l: Pick<LineAmountsInput, 'quantity' | 'unitPrice' | 'discounts'>): {
  base: Decimal;
  value: Decimal;
} {
  const base = roundTo(l.quantity.times(l.unitPrice), LINE_PLACES);
  return { base, value: roundTo(cascadeDiscounts(base, l.discounts), LINE_PLACES) };
}

/**
 * A line's display net, tax and gross from its value (after all its discounts). Net prices: the net to the cent, its
 * tax to the cent. VAT-included prices: the gross to the cent, the net derived from it, the tax the difference
 * (NOTE: portugal.md §9.2, §9.3: half-up to cents; the document's tax is computed per rate group, not from these).
 */
export function lineTax(
  value: Decimal,
  rate: Decimal,
  vatIncluded: boolean,
): { net: Decimal; tax: Decimal; gross: Decimal } {
  if (vatIncluded) {
    const gross = round2(value);
    const net = round2(gross.div(HUNDRED.plus(rate).div(HUNDRED)));
    return { net, tax: gross.minus(net), gross };
  }
  const net = round2(value);
  const tax = round2(net.times(rate).div(HUNDRED));
  return { net, tax, gross: net.plus(tax) };
}

/** The cascaded discounts as one percentage: 100 − 100 × Π(1 − dᵢ/100). */
export function combinedDiscountPercent(discounts: readonly Decimal[]): Decimal {
  return HUNDRED.minus(cascadeDiscounts(HUNDRED, discounts));
}

/** All of a line's amounts, without any global discount (documents show that one in their totals). */
export function lineAmounts(l: LineAmountsInput, vatIncluded = false): LineAmounts {
  const { base, value } = lineValue(l);
  const discount = base.minus(value);
  const subtotal = round2(base);
  const discountAmount = round2(discount);
  const { net, tax, gross } = lineTax(value, l.taxRate, vatIncluded);
  const nonZero = l.discounts.filter((d) => !d.isZero());
  return {
    base,
    unitPrice: roundTo(cascadeDiscounts(l.unitPrice, l.discounts), LINE_PLACES),
    value,
    discount,
    discountPercent: base.isZero() ? sum(nonZero) : combinedDiscountPercent(nonZero),
    subtotal,
    discountAmount,
    amount: round2(value),
    net,
    tax,
    gross,
    total: subtotal.minus(discountAmount).plus(tax),
  };
}

/** The sum of lines' subtotals (quantity × unit price to the cent, before any discount). */
export function subtotalOf(lines: readonly Pick<LineAmounts, 'subtotal'>[]): Decimal {
  return sum(lines.map((l) => l.subtotal));
}
