import type { VatCategory } from '../documents/vat-category.js';

/** The languages a Belgian document prints its mentions in. */
export type BeLang = 'nl' | 'fr' | 'en' | 'de';

/**
 * NOTE: VAT Directive 2006/112/EC art. 226 (11a) and Royal Decree no. 1 art. 5 §1 7° — an invoice whose VAT the
 * customer owes says so: "Autoliquidation" (fr) / "Verlegging van heffing" (nl); the Belgian practice prints both.
 * The construction mention of Royal Decree no. 1 art. 20 §2 names the customer's liability (VAT Code art. 51 §2 5°).
 */
export const REVERSE_CHARGE = 'Autoliquidation / Verlegging van heffing';

/** The default exemption reason text (BT-120) of a category that needs one and got none (≤ 60 characters, a line's). */
export const CATEGORY_MENTION: Readonly<Record<'AE' | 'K' | 'G' | 'O', Readonly<Record<BeLang, string>>>> = {
  // NOTE: VAT Code art. 51 §2 5°, Royal Decree no. 1 art. 20 §2 — domestic reverse charge (e.g. construction).
  AE: {
    nl: `${REVERSE_CHARGE} (art. 51 §2 5°)`,
    fr: `${REVERSE_CHARGE} (art. 51 §2 5°)`,
    en: `${REVERSE_CHARGE} (art. 51 §2 5°)`,
    de: `${REVERSE_CHARGE} (art. 51 §2 5°)`,
  },
  // NOTE: VAT Code art. 39bis, Directive art. 138 and 226 (11) — exempt intra-community supply of goods.
  K: {
    nl: 'Vrijgestelde intracommunautaire levering, art. 39bis WBTW',
    fr: 'Livraison intracommunautaire exemptée, art. 39bis CTVA',
    en: 'Exempt intra-community supply, VAT Code art. 39bis',
    de: 'Innergemeinschaftliche Lieferung, Art. 39bis MwStGB',
  },
  // NOTE: VAT Code art. 39 §1, Directive art. 146 — exempt export outside the EU.
  G: {
    nl: 'Vrijgestelde uitvoer, art. 39 WBTW',
    fr: 'Exportation exemptée, art. 39 CTVA',
    en: 'Exempt export outside the EU, VAT Code art. 39',
    de: 'Steuerfreie Ausfuhr, Art. 39 MwStGB',
  },
  // NOTE: outside the scope of Belgian VAT (not a supply under VAT Code art. 2, or supplied abroad, art. 14–15).
  O: {
    nl: 'Niet onderworpen aan btw',
    fr: 'Non soumis à la TVA',
    en: 'Not subject to VAT',
    de: 'Nicht der Mehrwertsteuer unterliegend',
  },
};

/** NOTE: the VATEX code (BT-121, CEF VATEX list) each category takes when the line gives none. */
export const DEFAULT_VATEX: Readonly<Partial<Record<VatCategory, string>>> = {
  AE: 'VATEX-EU-AE',
  K: 'VATEX-EU-IC',
  G: 'VATEX-EU-G',
  O: 'VATEX-EU-O',
};

export const BE_SANDBOX_MARK: Readonly<Record<BeLang, string>> = {
  nl: 'Document zonder rechtsgeldigheid',
  fr: 'Document sans valeur légale',
  en: 'Document without legal validity',
  de: 'Dokument ohne Rechtsgültigkeit',
};

/** The language a Belgian mention is printed in: the document's when it is one of the four, else French. */
export function beLang(language: string): BeLang {
  return (['nl', 'fr', 'en', 'de'] as const).find((l) => l === language) ?? 'fr';
}
