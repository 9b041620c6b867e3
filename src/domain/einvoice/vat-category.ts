import { dec } from '../money/decimal.js';
import type { VatCategory } from './model.js';

/** A line's VAT as an EN 16931 category (BT-151), with the exemption reason its breakdown carries (BT-120/121). */
export interface LineVat {
  category: VatCategory;
  rate: string | null;
  exemptionCode: string | null;
  exemptionReason: string | null;
}

/** What the category is derived from: the line's tax as issued and, when the regime stated one, its category. */
export interface LineTaxFacts {
  tax: { type: string; code: string; rate: string };
  exemption: { code: string; reason: string | null } | null;
  /** Stated by the regime (Belgian lines): EN 16931 category, VATEX code, reason. */
  vatCategory?: string | null;
  vatexCode?: string | null;
  exemptionReason?: string | null;
}

const CATEGORIES: readonly VatCategory[] = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'];

/** The VATEX code EN 16931 and Peppol pair with a category (BR-AE-10, BR-IC-10, BR-G-10, BR-O-10; P0104–P0107). */
const VATEX_OF: Partial<Record<VatCategory, string>> = {
  AE: 'VATEX-EU-AE',
  K: 'VATEX-EU-IC',
  G: 'VATEX-EU-G',
  O: 'VATEX-EU-O',
};

const REVERSE_CHARGE_PT = new Set(['M08', 'M30', 'M31', 'M32', 'M33', 'M34', 'M35', 'M40', 'M41', 'M42', 'M43']);

/**
 * The EN 16931 category of a Portuguese line, from its SAF-T tax code and exemption code.
 * NOTE: Portaria 195/2020 (CIUS-PT) keeps EN 16931's categories for VAT; the AT exemption table (P302 4.1.4.19.17)
 * maps as follows: a positive rate (NOR, INT, RED) is S; M05 (art. 14.º CIVA, exports) is G; M16 (art. 14.º RITI,
 * intra-Community supply) is K; M08 and M30–M43 (autoliquidação, CIVA art. 2.º n.º 1 i), j), l) and DL 21/2007,
 * 362/99) are AE; M99 (não sujeito / não tributado) and taxes other than IVA are O; every other exemption (CIVA arts.
 * 9.º, 13.º, 15.º, 53.º, the margin and special schemes…) is E with the exemption text as its reason (BR-E-10).
 */
export function ptLineVat(l: LineTaxFacts): LineVat {
  const code = l.exemption?.code ?? null;
  const reason = l.exemption?.reason ?? null;
  if (l.tax.type !== 'IVA' || code === 'M99')
    return { category: 'O', rate: null, exemptionCode: VATEX_OF.O!, exemptionReason: reason };
  if (dec(l.tax.rate).gt(0) && !code) return standard(l.tax.rate);
  if (code === 'M05') return { category: 'G', rate: '0.00', exemptionCode: VATEX_OF.G!, exemptionReason: reason };
  if (code === 'M16') return { category: 'K', rate: '0.00', exemptionCode: VATEX_OF.K!, exemptionReason: reason };
  if (code && REVERSE_CHARGE_PT.has(code))
    return { category: 'AE', rate: '0.00', exemptionCode: VATEX_OF.AE!, exemptionReason: reason };
  return { category: 'E', rate: '0.00', exemptionCode: null, exemptionReason: reason ?? code ?? 'Isento' };
}

/**
 * The category of a line whose regime states it (Belgium: be-regime stores the EN 16931 category, the VATEX code and
 * the reason on the line). Without a stated category, a positive rate is S and a zero rate E with its reason.
 * NOTE: EN 16931 BR-E-10/BR-AE-10/BR-IC-10/BR-G-10/BR-O-10: every category but S, Z, L, M needs a reason code or text.
 */
export function statedLineVat(l: LineTaxFacts): LineVat {
  const stated = (l.vatCategory ?? '').toUpperCase() as VatCategory;
  const reason = l.exemptionReason ?? l.exemption?.reason ?? null;
  const category: VatCategory = CATEGORIES.includes(stated) ? stated : dec(l.tax.rate).gt(0) ? 'S' : 'E';
  if (category === 'S' || category === 'L' || category === 'M') return standard(l.tax.rate, category);
  if (category === 'Z') return { category, rate: '0.00', exemptionCode: null, exemptionReason: null };
  const code = l.vatexCode ?? VATEX_OF[category] ?? null;
  return {
    category,
    rate: category === 'O' ? null : '0.00',
    exemptionCode: code,
    exemptionReason: reason ?? (code ? null : 'Exempt'),
  };
}

function standard(rate: string, category: VatCategory = 'S'): LineVat {
  return { category, rate: dec(rate).toFixed(2), exemptionCode: null, exemptionReason: null };
}
