import type { Decimal } from '../money/decimal.js';
import type { IssueCollector } from '../errors.js';
import { type VatCategory, VAT_CATEGORIES, isVatCategory } from '../documents/vat-category.js';
import { validateTaxId } from '../pt/nif.js';
import { checkEnterpriseNumber } from './enterprise-number.js';
import { type BeLang, CATEGORY_MENTION, DEFAULT_VATEX } from './legal-mentions.js';
import { isBelgianStandardRate } from './vat-rates.js';

/** What a line of a BE account asks of its VAT, besides its tax (the rate). */
export interface BeLineVatInput {
  rate: Decimal;
  vatCategory?: string | null;
  vatexCode?: string | null;
  exemptionReason?: string | null;
  /** A Portuguese M-code: never valid for a Belgian seller. */
  exemptionCode?: string | null;
}

/** A Belgian line's VAT classification, as stored (`vat_category`, `vatex_code`, `exemption_reason`). */
export interface BeLineVat {
  category: VatCategory;
  vatexCode: string | null;
  reason: string | null;
}

const VATEX = /^VATEX-[A-Z]{2}-[A-Z0-9-]+$/;
/** NOTE: Peppol P0104–P0107 / EN 16931 BR-AE-10, BR-IC-10, BR-G-10, BR-O-10 — these codes belong to one category. */
const CATEGORY_OF_VATEX: Readonly<Record<string, VatCategory>> = {
  'VATEX-EU-AE': 'AE',
  'VATEX-EU-IC': 'K',
  'VATEX-EU-G': 'G',
  'VATEX-EU-O': 'O',
};

/** The EU member states (VAT Directive art. 5), by ISO code: where an intra-community supply may go. */
export const EU_COUNTRIES: ReadonlySet<string> = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);

/**
 * The VAT category, VATEX code and reason of one line of a BE account, checked on its own. Issues go to the
 * collector under `at` (`lines[i]`); returns null when the line is not valid.
 */
export function belgianLineVat(l: BeLineVatInput, at: string, lang: BeLang, c: IssueCollector): BeLineVat | null {
  const before = c.issues.length;
  if (l.exemptionCode)
    c.add(
      `${at}.exemptionCode`,
      'not_allowed',
      'Portuguese exemption codes (M01…) do not apply to a Belgian seller: give vatCategory, vatexCode or exemptionReason.',
    );
  const asked = l.vatCategory?.trim().toUpperCase() || null;
  const category = asked ?? (l.rate.gt(0) ? 'S' : null);
  if (!category) {
    c.add(
      `${at}.vatCategory`,
      'required',
      'A 0 % line of a Belgian seller needs its VAT category: Z, E, AE, K, G or O.',
    );
    return null;
  }
  if (!isVatCategory(category)) {
    c.add(`${at}.vatCategory`, 'invalid', `One of ${VAT_CATEGORIES.join(', ')} (EN 16931 UNCL5305).`, category);
    return null;
  }
  // NOTE: EN 16931 BR-S-05 and VAT Code art. 37 — standard-rated lines at a Belgian rate; BR-Z/E/AE/IC/G-05, BR-O-05:
  // the others carry no VAT.
  if (category === 'S' && !isBelgianStandardRate(l.rate))
    c.add(
      `${at}.taxId`,
      'out_of_range',
      'A standard-rated (S) Belgian line is taxed at 21, 12 or 6 %.',
      l.rate.toString(),
    );
  if (category !== 'S' && !l.rate.isZero())
    c.add(`${at}.taxId`, 'out_of_range', `A line of VAT category ${category} is taxed at 0 %.`, l.rate.toString());

  const givenVatex = l.vatexCode?.trim().toUpperCase() || null;
  const reasonText = l.exemptionReason?.trim() || null;
  if (givenVatex && !VATEX.test(givenVatex))
    c.add(
      `${at}.vatexCode`,
      'invalid',
      'A VATEX code of the CEF list, e.g. VATEX-EU-132-1I or VATEX-EU-AE.',
      givenVatex,
    );
  else if (givenVatex) {
    const owner = CATEGORY_OF_VATEX[givenVatex];
    // NOTE: BR-S-10, BR-Z-10 — standard and zero rated lines have no exemption reason.
    if (category === 'S' || category === 'Z')
      c.add(`${at}.vatexCode`, 'not_allowed', `A line of VAT category ${category} has no exemption reason.`);
    else if (owner ? owner !== category : category !== 'E')
      c.add(`${at}.vatexCode`, 'invalid', `${givenVatex} is not a reason of VAT category ${category}.`, givenVatex);
  }
  if (reasonText && (category === 'S' || category === 'Z'))
    c.add(`${at}.exemptionReason`, 'not_allowed', `A line of VAT category ${category} has no exemption reason.`);
  // NOTE: BR-E-10 — an exempt line states why: the legal article (e.g. art. 44 WBTW/CTVA) or a VATEX code.
  if (category === 'E' && !reasonText && !givenVatex)
    c.add(
      `${at}.exemptionReason`,
      'required',
      'An exempt (E) line needs its reason: exemptionReason (the legal article, e.g. "Art. 44 WBTW/CTVA") or a vatexCode.',
    );
  if (c.issues.length > before) return null;
  if (category === 'S' || category === 'Z') return { category, vatexCode: null, reason: null };
  const mention = category === 'E' ? null : CATEGORY_MENTION[category][lang];
  return { category, vatexCode: givenVatex ?? DEFAULT_VATEX[category] ?? null, reason: reasonText ?? mention };
}

/** The customer as the document-level VAT checks see it. */
export interface BeCustomerFacts {
  taxId: string | null;
  country: string;
  isFinalConsumer: boolean;
  /** Where the customer's tax id came from in the request: `customer.taxId` or `contactId`. */
  field: string;
}

/** The delivery the intra-community supply rules read (SAF-T ShipTo: the unload address and time). */
export interface BeDeliveryFacts {
  country: string | null;
  date: string | null;
}

/**
 * The checks of a BE document across its lines: the customer's identifiers the categories need, the delivery of an
 * intra-community supply, O alone, one reason per exempt breakdown. Issues go to the collector.
 */
export function checkBelgianDocument(
  lines: (BeLineVat | null)[],
  customer: BeCustomerFacts,
  delivery: BeDeliveryFacts,
  c: IssueCollector,
): void {
  const cats = new Set(lines.flatMap((l) => (l ? [l.category] : [])));
  const taxId = customer.isFinalConsumer ? null : customer.taxId?.trim() || null;
  const country = customer.country.toUpperCase();
  // NOTE: KBO/BCE enterprise numbers carry a mod-97 check (Code of Economic Law art. III.17): a Belgian customer's
  // number is checked, not only its format.
  if (taxId && country === 'BE' && !checkEnterpriseNumber(taxId).valid)
    c.add(
      customer.field,
      'invalid',
      'Not a valid Belgian VAT or enterprise number (BE + 10 digits, mod-97 check).',
      taxId,
    );
  // NOTE: EN 16931 BR-AE-02; VAT Code art. 51 §2 5° — the domestic reverse charge needs the customer's Belgian VAT number.
  if (cats.has('AE')) {
    if (!taxId) c.add(customer.field, 'required', 'A reverse-charge (AE) invoice needs the customer’s VAT number.');
    else if (country === 'BE' ? !checkEnterpriseNumber(taxId).valid : !validateTaxId(taxId, country).valid)
      c.add(customer.field, 'invalid', 'A reverse-charge (AE) invoice needs the customer’s valid VAT number.', taxId);
  }
  // NOTE: VAT Code art. 39bis, Directive art. 138; EN 16931 BR-IC-02, BR-IC-11, BR-IC-12 — an intra-community supply
  // goes to a customer identified for VAT in another member state, with its delivery date and deliver-to country.
  if (cats.has('K')) {
    if (!EU_COUNTRIES.has(country) || country === 'BE')
      c.add(
        customer.field,
        'invalid',
        'An intra-community (K) supply goes to a customer of another EU member state.',
        country,
      );
    else if (!taxId || !validateTaxId(taxId, country).valid)
      c.add(customer.field, 'required', 'An intra-community (K) supply needs the customer’s valid VAT number.');
    if (!delivery.date)
      c.add(
        'unloadAt',
        'required',
        'An intra-community (K) supply needs its delivery date (unloadAt, EN 16931 BT-72).',
      );
    if (!delivery.country)
      c.add('unloadAddress.country', 'required', 'An intra-community (K) supply needs the deliver-to country (BT-80).');
    else if (!EU_COUNTRIES.has(delivery.country) || delivery.country === 'BE')
      c.add(
        'unloadAddress.country',
        'invalid',
        'The goods of an intra-community (K) supply go to another EU member state.',
      );
  }
  // NOTE: EN 16931 BR-O-11..14 — a document with an outside-scope (O) line has no other VAT category.
  if (cats.has('O') && cats.size > 1)
    c.add(
      'lines',
      'invalid',
      'Outside-scope (O) lines cannot share a document with other VAT categories (EN 16931 BR-O-11).',
    );
  // NOTE: EN 16931 BR-E-10 — one VAT breakdown per category and rate, with one exemption reason.
  const exempt = new Set(lines.flatMap((l) => (l?.category === 'E' ? [`${l.vatexCode}|${l.reason}`] : [])));
  if (exempt.size > 1)
    c.add('lines', 'invalid', 'The exempt (E) lines of one document share one exemption reason (EN 16931 BR-E-10).');
}
