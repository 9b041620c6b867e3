import { DomainError, IssueCollector } from '../errors.js';
import { ZERO, fmt2, type Decimal } from '../money/decimal.js';

/**
 * The AT QR code. NOTE: Portaria 195/2020 arts. 5.º–6.º and AT "Especificações Técnicas – Código QR" v1.0
 * (13-08-2020): symbol parameters in §2, composition rules in §3, fields in §4 (portugal.md §4).
 */
export const QR_ERROR_CORRECTION = 'M';
export const QR_MIN_VERSION = 9;
export const QR_MIN_SIZE_MM = 30;

/** One VAT fiscal space (SAF-T TaxCountryRegion); the 1st, 2nd and 3rd become the I, J and K blocks. */
export interface FiscalSpace {
  /** PT, PT-AC, PT-MA, a foreign ISO country, or `0` for a document without VAT rates. */
  region: string;
  /** VAT-exempt base, including operations subject to Stamp Duty (I2). */
  exemptBase?: Decimal;
  reducedBase?: Decimal;
  reducedVat?: Decimal;
  intermediateBase?: Decimal;
  intermediateVat?: Decimal;
  normalBase?: Decimal;
  normalVat?: Decimal;
}

export interface QrInput {
  /** A: issuer NIF, no country prefix. */
  issuerTaxId: string;
  /** B: customer tax id; `999999990` for a final consumer. */
  customerTaxId: string;
  /** C: SAF-T Customer/Country (`Desconhecido` allowed). */
  customerCountry: string;
  /** D: SAF-T document type. */
  docType: string;
  /** E: SAF-T document status (N, A, F, S, R, T). */
  docStatus: string;
  /** F: YYYY-MM-DD (printed as YYYYMMDD). */
  docDate: string;
  /** G: InvoiceNo / DocumentNumber / PaymentRefNo. */
  docId: string;
  /** H: ATCUD value, without the `ATCUD:` label. */
  atcud: string;
  /** I, J, K: at most three; none gives `I1:0` (documents of SAF-T tables 4.2–4.4 without VAT rates). */
  fiscalSpaces: readonly FiscalSpace[];
  /** L: base not subject to VAT. */
  notSubject?: Decimal;
  /** M: Stamp Duty total. */
  stampDuty?: Decimal;
  /** N: SAF-T TaxPayable (VAT + Stamp Duty). */
  taxPayable: Decimal;
  /** O: SAF-T GrossTotal. */
  grossTotal: Decimal;
  /** P: SAF-T WithholdingTaxAmount (not subtracted from O). */
  withholding?: Decimal;
  /** Q: the 4 printed hash characters. */
  hashChars: string;
  /** R: the software's AT certificate number. */
  certificateNo: string;
  /** S: free text, parts joined with `;`, e.g. `TB;<IBAN>;<amount>`. */
  otherInfo?: string;
}

const MAX: Record<string, number> = {
  A: 9,
  B: 30,
  C: 12,
  D: 2,
  E: 1,
  F: 8,
  G: 60,
  H: 70,
  region: 5,
  money: 16,
  Q: 4,
  R: 4,
  S: 65,
};
const SPACE_LETTERS = ['I', 'J', 'K'] as const;
const SPACE_AMOUNTS = [
  [2, 'exemptBase'],
  [3, 'reducedBase'],
  [4, 'reducedVat'],
  [5, 'intermediateBase'],
  [6, 'intermediateVat'],
  [7, 'normalBase'],
  [8, 'normalVat'],
] as const;

/** Builds the QR message. Throws DomainError 'validation' listing every field that breaks the spec. */
export function buildQrPayload(d: QrInput): string {
  const issues = new IssueCollector();
  const fields: [string, string, number][] = [];
  const text = (code: string, value: string, max = MAX[code]): void => {
    fields.push([code, value, max]);
  };
  // NOTE: QR spec §3 c), e), f) — money always with 2 decimals; optional fields are left out when there is nothing to say.
  const money = (code: string, v: Decimal | undefined, required = false): void => {
    if (required || (v !== undefined && !v.isZero())) text(code, fmt2(v ?? ZERO), MAX.money);
  };

  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.docDate))
    issues.add('F', 'invalid', 'The document date must be YYYY-MM-DD.', d.docDate);
  if (d.fiscalSpaces.length > SPACE_LETTERS.length) {
    issues.add('fiscalSpaces', 'too_many', 'The QR code holds at most 3 fiscal spaces.', String(SPACE_LETTERS.length));
  }
  text('A', d.issuerTaxId);
  text('B', d.customerTaxId);
  text('C', d.customerCountry);
  text('D', d.docType);
  text('E', d.docStatus);
  text('F', d.docDate.replaceAll('-', ''));
  text('G', d.docId);
  text('H', d.atcud);
  // NOTE: QR spec §3 g)–h) — at least one fiscal space always exists; `I1:0` for a document without VAT rates.
  const spaces = d.fiscalSpaces.length > 0 ? d.fiscalSpaces.slice(0, SPACE_LETTERS.length) : [{ region: '0' }];
  spaces.forEach((space, i) => {
    const letter = SPACE_LETTERS[i];
    text(`${letter}1`, space.region, MAX.region);
    for (const [n, key] of SPACE_AMOUNTS) money(`${letter}${n}`, space[key]);
  });
  money('L', d.notSubject);
  money('M', d.stampDuty);
  money('N', d.taxPayable, true);
  money('O', d.grossTotal, true);
  money('P', d.withholding);
  text('Q', d.hashChars);
  text('R', d.certificateNo);
  if (d.otherInfo !== undefined && d.otherInfo !== '') text('S', d.otherInfo);

  for (const [code, value, max] of fields) {
    if (value === '') issues.add(code, 'required', `QR field ${code} is empty.`);
    if (value.length > max)
      issues.add(code, 'too_long', `QR field ${code} is longer than ${max} characters.`, String(max));
    // NOTE: QR spec §4 field S — no `*` allowed; `*` is the field separator, so no value may contain it.
    if (value.includes('*')) issues.add(code, 'invalid', `QR field ${code} must not contain "*".`);
  }
  issues.throwIfAny('The QR code data is invalid.');
  return fields.map(([code, value]) => `${code}:${value}`).join('*');
}

/** A document tax summary line (SAF-T TaxType / TaxCountryRegion / TaxCode). */
export interface QrTaxGroup {
  type: 'IVA' | 'IS' | 'NS';
  region: string;
  /** RED, INT, NOR, ISE, OUT or NS for VAT; a Stamp Duty code for IS. */
  code: string;
  rate: Decimal;
  base: Decimal;
  tax: Decimal;
}

export interface QrTaxSummary {
  fiscalSpaces: FiscalSpace[];
  notSubject?: Decimal;
  stampDuty?: Decimal;
}

const add = (a: Decimal | undefined, b: Decimal): Decimal => (a ?? ZERO).plus(b);

/**
 * Turns tax groups into QR fiscal spaces (regions in order of first appearance), the not-subject base (L)
 * and the Stamp Duty total (M). More than 3 VAT regions cannot be represented and throws 'validation'.
 */
export function fiscalSpacesFromTaxGroups(groups: readonly QrTaxGroup[]): QrTaxSummary {
  const spaces = new Map<string, FiscalSpace>();
  const space = (region: string): FiscalSpace => {
    const found = spaces.get(region);
    if (found) return found;
    const created: FiscalSpace = { region };
    spaces.set(region, created);
    return created;
  };
  let notSubject: Decimal | undefined;
  let stampDuty: Decimal | undefined;
  let notSubjectRegion: string | undefined;

  for (const g of groups) {
    if (g.type === 'NS' || g.code === 'NS') {
      notSubject = add(notSubject, g.base);
      notSubjectRegion ??= g.region;
      continue;
    }
    const s = space(g.region);
    if (g.type === 'IS') {
      // NOTE: QR spec §4 I2 — the VAT-exempt base includes operations subject to Stamp Duty; the duty itself goes to M.
      s.exemptBase = add(s.exemptBase, g.base);
      stampDuty = add(stampDuty, g.tax);
      continue;
    }
    switch (g.code) {
      case 'ISE':
      case 'OUT':
        s.exemptBase = add(s.exemptBase, g.base);
        break;
      case 'RED':
        s.reducedBase = add(s.reducedBase, g.base);
        s.reducedVat = add(s.reducedVat, g.tax);
        break;
      case 'INT':
        s.intermediateBase = add(s.intermediateBase, g.base);
        s.intermediateVat = add(s.intermediateVat, g.tax);
        break;
      case 'NOR':
        s.normalBase = add(s.normalBase, g.base);
        s.normalVat = add(s.normalVat, g.tax);
        break;
      default:
        throw new DomainError('validation', `Unknown VAT tax code "${g.code}".`, [
          {
            field: 'taxGroups',
            issue: 'unknown',
            message: 'VAT tax codes are RED, INT, NOR, ISE, OUT and NS.',
            value: g.code,
          },
        ]);
    }
  }
  // An invoice with only non-subject lines still names its fiscal space (spec §3 g); `I1:0` is for tables 4.2–4.4.
  if (spaces.size === 0 && notSubjectRegion !== undefined) space(notSubjectRegion);
  if (spaces.size > SPACE_LETTERS.length) {
    throw new DomainError('validation', 'The QR code holds at most 3 fiscal spaces (VAT regions).', [
      {
        field: 'taxGroups',
        issue: 'too_many',
        message: `Regions: ${[...spaces.keys()].join(', ')}.`,
        value: String(SPACE_LETTERS.length),
      },
    ]);
  }
  const summary: QrTaxSummary = { fiscalSpaces: [...spaces.values()] };
  if (notSubject !== undefined) summary.notSubject = notSubject;
  if (stampDuty !== undefined) summary.stampDuty = stampDuty;
  return summary;
}
