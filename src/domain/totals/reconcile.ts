import { type Decimal, HUNDRED, dec, round2, roundTo, sum } from '../money/decimal.js';
import { groupBaseAndTax, taxGroupKey } from './compute.js';

/** A stored line as far as the totals go: its tax and its net amount (unrounded), its gross when known. */
export interface ReconcileLine {
  taxType: string;
  taxRegion: string;
  taxCode: string;
  taxRate: string;
  net: string;
  /** The line's gross (2 decimals), kept by the database; a SAF-T line does not carry it. */
  gross?: string;
}

export interface ReconcileDocument {
  netTotal: string;
  taxTotal: string;
  grossTotal: string;
  lines: ReconcileLine[];
  /** Prices with VAT included; unknown in a SAF-T file, where either rounding is accepted. */
  vatIncluded?: boolean;
  /** The stored tax summary (base and tax per rate), when there is one. */
  taxSummary?: { base: string; tax: string }[];
}

/**
 * Net and tax of a document rebuilt from its lines with the rounding of computeTotals: per tax group, half-up to
 * cents (NOTE: portugal.md §9.3); with VAT-included prices the base is derived from the group's gross (§9.2).
 */
export function totalsFromLines(lines: readonly ReconcileLine[], vatIncluded: boolean): { net: Decimal; tax: Decimal } {
  const groups = new Map<string, { rate: Decimal; lines: ReconcileLine[] }>();
  for (const l of lines) {
    const rate = dec(l.taxRate);
    const key = taxGroupKey({ type: l.taxType, region: l.taxRegion, code: l.taxCode, rate });
    const g = groups.get(key) ?? { rate, lines: [] };
    g.lines.push(l);
    groups.set(key, g);
  }
  let net = dec(0);
  let tax = dec(0);
  for (const { rate, lines: ls } of groups.values()) {
    const factor = HUNDRED.plus(rate).div(HUNDRED);
    // The net of a line is its gross divided by the factor, kept to 10 places: times the factor, to 8 places, it
    // gives the gross back (a half cent included) before rounding.
    const lineGross = (l: ReconcileLine) =>
      l.gross !== undefined ? dec(l.gross) : round2(roundTo(dec(l.net).times(factor), 8));
    const group = groupBaseAndTax(rate, ls.map(vatIncluded ? lineGross : (l) => dec(l.net)), vatIncluded);
    net = net.plus(group.base);
    tax = tax.plus(group.tax);
  }
  return { net, tax };
}

/**
 * What the signature cannot see: a signed document signs its gross total, not its lines. The lines must exist and
 * add up, by the project's rounding, to the net and tax totals, which add up to the signed gross total, to the cent.
 * Returns the problem, or undefined when the document reconciles.
 */
export function documentTotalsProblem(doc: ReconcileDocument): Omit<DocumentTotalsFailure, 'docId'> | undefined {
  if (doc.lines.length === 0) return { reason: 'no_lines', message: 'The document has no lines.' };
  const net = dec(doc.netTotal);
  const tax = dec(doc.taxTotal);
  const gross = dec(doc.grossTotal);
  if (!net.plus(tax).eq(gross)) {
    const message = `Net ${net.toFixed(2)} plus tax ${tax.toFixed(2)} is not the gross total ${gross.toFixed(2)}.`;
    return { reason: 'totals_mismatch', message };
  }
  if (doc.taxSummary?.length) {
    const base = sum(doc.taxSummary.map((g) => dec(g.base)));
    const summaryTax = sum(doc.taxSummary.map((g) => dec(g.tax)));
    if (!base.eq(net) || !summaryTax.eq(tax)) {
      const message = `The tax summary adds up to net ${base.toFixed(2)} and tax ${summaryTax.toFixed(2)}.`;
      return { reason: 'totals_mismatch', message };
    }
  }
  const modes = doc.vatIncluded === undefined ? [false, true] : [doc.vatIncluded];
  const rebuilt = modes.map((m) => totalsFromLines(doc.lines, m));
  if (rebuilt.some((r) => r.net.eq(net) && r.tax.eq(tax))) return undefined;
  const r = rebuilt[0];
  return {
    reason: 'totals_mismatch',
    message:
      `The lines add up to net ${r.net.toFixed(2)} and tax ${r.tax.toFixed(2)}, ` +
      `not ${net.toFixed(2)} and ${tax.toFixed(2)}.`,
  };
}

export interface DocumentTotalsFailure {
  docId: string;
  reason: 'no_lines' | 'totals_mismatch';
  message: string;
}

/** The documents that do not reconcile (see documentTotalsProblem). */
export function documentTotalsFailures(docs: Iterable<ReconcileDocument & { docId: string }>): DocumentTotalsFailure[] {
  const out: DocumentTotalsFailure[] = [];
  for (const d of docs) {
    const p = documentTotalsProblem(d);
    if (p) out.push({ docId: d.docId, ...p });
  }
  return out;
}
