import { Decimal, HUNDRED, ZERO, round2, roundTo, sum } from '../money/decimal.js';
import { LINE_PLACES, lineTax, lineValue } from './line-amounts.js';

export { LINE_PLACES };

export interface TaxRef {
  type: 'IVA' | 'IS' | 'NS';
  /** SAF-T TaxCountryRegion: PT, PT-AC, PT-MA or an ISO country. */
  region: string;
  /** SAF-T TaxCode: NOR, INT, RED, ISE, OUT, NS. */
  code: string;
  /** Percentage, e.g. 23. */
  rate: Decimal;
}

export interface LineInput {
  quantity: Decimal;
  /** Net unit price, or gross when the document's prices include VAT. */
  unitPrice: Decimal;
  /** Up to three cascaded discount percentages. */
  discounts: Decimal[];
  tax: TaxRef;
}

export interface GlobalDiscount {
  kind: 'percent' | 'amount';
  value: Decimal;
}

export interface TotalsInput {
  lines: LineInput[];
  vatIncluded: boolean;
  globalDiscount?: GlobalDiscount;
  /** Withholding percentage on the net total. */
  withholdingRate?: Decimal;
  /** Manual rounding of the amount payable, at most ±0.03. */
  roundingAdjustment?: Decimal;
}

export interface LineTotals {
  /** Net value after line and global discounts, unrounded (SAF-T Debit/CreditAmount). */
  net: Decimal;
  /** Net unit price after all discounts (SAF-T UnitPrice). */
  unitNet: Decimal;
  /** Discount given on the line, including its share of the global discount, net of VAT (SAF-T SettlementAmount). */
  discount: Decimal;
  /** Display values, 2 decimals. */
  netRounded: Decimal;
  tax: Decimal;
  gross: Decimal;
}

export interface TaxGroup extends TaxRef {
  base: Decimal;
  tax: Decimal;
}

export interface DocumentTotals {
  lines: LineTotals[];
  taxGroups: TaxGroup[];
  netTotal: Decimal;
  taxTotal: Decimal;
  grossTotal: Decimal;
  discountTotal: Decimal;
  withholdingAmount: Decimal;
  roundingAdjustment: Decimal;
  /** What the customer owes: gross total − withholding + rounding adjustment. */
  payableTotal: Decimal;
}

export function taxGroupKey(t: Pick<TaxRef, 'region' | 'code' | 'rate'> & { type: string }): string {
  return `${t.type}|${t.region}|${t.code}|${t.rate.toFixed(4)}`;
}

/**
 * A tax group's base and tax from its lines' amounts: the nets (unrounded), or with VAT-included prices the lines'
 * grosses (to the cent), whose sum gives the base by division (NOTE: portugal.md §9.2, §9.3: per rate group,
 * half-up to cents).
 */
export function groupBaseAndTax(
  rate: Decimal,
  amounts: Decimal[],
  vatIncluded: boolean,
): { base: Decimal; tax: Decimal } {
  if (!vatIncluded) {
    const base = round2(sum(amounts));
    return { base, tax: round2(base.times(rate).div(HUNDRED)) };
  }
  const gross = sum(amounts);
  const base = round2(gross.div(HUNDRED.plus(rate).div(HUNDRED)));
  return { base, tax: gross.minus(base) };
}

/**
 * Splits the global discount over lines: a percentage applies to each line; an absolute amount is
 * pro-rated by line value, the last line taking the remainder so that shares add up exactly.
 */
function globalShares(values: Decimal[], g: GlobalDiscount | undefined): Decimal[] {
  if (!g || g.value.isZero()) return values.map(() => ZERO);
  if (g.kind === 'percent') return values.map((v) => roundTo(v.times(g.value).div(HUNDRED), LINE_PLACES));
  const total = sum(values);
  if (total.isZero()) return values.map(() => ZERO);
  const shares: Decimal[] = [];
  let given = ZERO;
  let lastNonZero = -1;
  values.forEach((v, i) => {
    if (!v.isZero()) lastNonZero = i;
  });
  values.forEach((v, i) => {
    if (i === lastNonZero) {
      shares.push(g.value.minus(given));
      return;
    }
    const s = roundTo(g.value.times(v).div(total), LINE_PLACES);
    given = given.plus(s);
    shares.push(s);
  });
  return shares;
}

/**
 * Document totals in exact decimals. VAT is computed per rate at document level and rounded half-up
 * to cents (NOTE: portugal.md §9.3, AT demo practice: round per rate group, then sum).
 * With VAT-included prices the net is derived from the gross per group (portugal.md §9.2).
 * Withholding is shown apart and never reduces the gross total (NOTE: D8632 §2.2.7, P302 4.1.4.21).
 */
export function computeTotals(input: TotalsInput): DocumentTotals {
  const values = input.lines.map(lineValue);
  const base = values.map((v) => v.base);
  const afterLine = values.map((v) => v.value);
  const shares = globalShares(afterLine, input.globalDiscount);
  const value = afterLine.map((v, i) => v.minus(shares[i]));

  const groups = new Map<string, { ref: TaxRef; lineIdx: number[] }>();
  input.lines.forEach((l, i) => {
    const k = taxGroupKey(l.tax);
    const g = groups.get(k) ?? { ref: l.tax, lineIdx: [] };
    g.lineIdx.push(i);
    groups.set(k, g);
  });

  const lines: LineTotals[] = new Array(input.lines.length);
  const taxGroups: TaxGroup[] = [];
  for (const { ref, lineIdx } of groups.values()) {
    const factor = HUNDRED.plus(ref.rate).div(HUNDRED);
    let groupBase: Decimal;
    let groupTax: Decimal;
    if (input.vatIncluded) {
      const shown = lineIdx.map((i) => lineTax(value[i], ref.rate, true));
      ({ base: groupBase, tax: groupTax } = groupBaseAndTax(
        ref.rate,
        shown.map((s) => s.gross),
        true,
      ));
      lineIdx.forEach((i, j) => {
        const net = roundTo(value[i].div(factor), LINE_PLACES);
        lines[i] = {
          net,
          unitNet: roundTo(net.div(input.lines[i].quantity), LINE_PLACES),
          discount: roundTo(base[i].minus(value[i]).div(factor), LINE_PLACES),
          netRounded: shown[j].net,
          tax: shown[j].tax,
          gross: shown[j].gross,
        };
      });
    } else {
      ({ base: groupBase, tax: groupTax } = groupBaseAndTax(
        ref.rate,
        lineIdx.map((i) => value[i]),
        false,
      ));
      for (const i of lineIdx) {
        const shown = lineTax(value[i], ref.rate, false);
        lines[i] = {
          net: value[i],
          unitNet: roundTo(value[i].div(input.lines[i].quantity), LINE_PLACES),
          discount: base[i].minus(value[i]),
          netRounded: shown.net,
          tax: shown.tax,
          gross: shown.gross,
        };
      }
    }
    taxGroups.push({ ...ref, base: groupBase, tax: groupTax });
  }

  const netTotal = sum(taxGroups.map((g) => g.base));
  const taxTotal = sum(taxGroups.map((g) => g.tax));
  const grossTotal = netTotal.plus(taxTotal);
  const withholdingAmount = input.withholdingRate ? round2(netTotal.times(input.withholdingRate).div(HUNDRED)) : ZERO;
  const roundingAdjustment = input.roundingAdjustment ?? ZERO;
  return {
    lines,
    taxGroups,
    netTotal,
    taxTotal,
    grossTotal,
    discountTotal: round2(sum(lines.map((l) => l.discount))),
    withholdingAmount,
    roundingAdjustment,
    payableTotal: grossTotal.minus(withholdingAmount).plus(roundingAdjustment),
  };
}
