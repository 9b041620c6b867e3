import type { DocumentPreview } from '../../app/documents/preview-document.js';
import type { PageGlobals } from '../shell/types.js';

/** The server's totals as the page shows them: formatted strings only (the browser computes nothing). */
export interface ShownTotals {
  lines: Record<number, { net: string; tax: string; total: string }>;
  taxSummary: { label: string; base: string; tax: string }[];
  net: string;
  tax: string;
  discount: string;
  gross: string;
  withholding: string | null;
  payable: string;
}

/** A preview's figures in the page's language; `lineOf[k]` is the form line of preview line k. */
export function shownTotals(p: DocumentPreview, lineOf: number[], fmt: PageGlobals['fmt']): ShownTotals {
  const money = (v: string) => fmt.money(v, p.currency);
  const lines: ShownTotals['lines'] = {};
  p.lines.forEach((l, k) => {
    lines[lineOf[k] ?? k] = { net: money(l.netTotal), tax: money(l.taxTotal), total: money(l.grossTotal) };
  });
  return {
    lines,
    taxSummary: p.taxSummary.map((g) => ({
      label: `${g.code} ${fmt.number(g.rate)} %${g.exemptionCode ? ` (${g.exemptionCode})` : ''}`,
      base: money(g.base),
      tax: money(g.tax),
    })),
    net: money(p.totals.net),
    tax: money(p.totals.tax),
    discount: money(p.totals.discount),
    gross: money(p.totals.gross),
    withholding: Number(p.totals.withholding) ? money(p.totals.withholding) : null,
    payable: money(p.totals.payable),
  };
}
