import { DomainError, IssueCollector } from '../../domain/errors.js';
import { type Decimal, ZERO, parseDecimal } from '../../domain/money/decimal.js';
import { type DraftAddress, type GlobalDiscount, optionalText } from '../../domain/documents/draft.js';
import { ADDRESS_TEXT_LIMITS, DOCUMENT_TEXT_LIMITS } from '../../domain/documents/limits.js';
import { DOC_TYPE_INFO, type DocType, type Lang, isDocType } from '../../domain/documents/types.js';
import { type ExternalReference, checkExternalReference } from '../../domain/documents/external-reference.js';
import { paidOnIssueProblem } from '../../domain/documents/paid-on-issue.js';
import { isIsoDate, normalizeLocalDateTime } from '../../domain/time.js';
import { parsePaymentReference } from '../../domain/be/payment-reference.js';
import type { FiscalRegime } from '../../domain/regime/fiscal-regime.js';
import { notInRegime } from '../../domain/regime/not-in-regime.js';
import type { AddressInput, DocumentInput, LineInput } from './document-input.js';

/** A create/update request checked and parsed on its own (no reference looked up yet). */
export interface NormalizedInput {
  type: DocType;
  docDate: string;
  dueDate: string | null;
  taxPointDate: string | null;
  loadAt: string | null;
  unloadAt: string | null;
  currency: string;
  exchangeRate: Decimal | null;
  language: Lang | null;
  roundingAdjustment: Decimal;
  globalDiscount: GlobalDiscount | undefined;
  withholdingRate: Decimal | undefined;
  /** Set with the rate. */
  withholdingType: string | null;
  /** What the request said of its payment on issue; null: the type's default. */
  paidOnIssue: boolean | null;
  /** A BE document's structured payment reference, in display form; null when not given. */
  paymentReference: string | null;
  billing: DraftAddress | null;
  loadAddress: DraftAddress | null;
  unloadAddress: DraftAddress | null;
  text: {
    reference: string | null;
    observations: string | null;
    internalNote: string | null;
    vehiclePlate: string | null;
  };
  lines: {
    input: LineInput;
    quantity: Decimal;
    unitPrice: Decimal | undefined;
    discounts: Decimal[];
    /** The original outside the system (credit and debit notes); an origin line, when given, prevails. */
    reference: ExternalReference | null;
  }[];
}

function address(
  a: AddressInput | null | undefined,
  field: string,
  c: IssueCollector,
  defaultCountry: string,
): DraftAddress | null {
  if (!a) return null;
  return {
    street: optionalText(a.street, ADDRESS_TEXT_LIMITS.street, `${field}.street`, c),
    postalCode: optionalText(a.postalCode, ADDRESS_TEXT_LIMITS.postalCode, `${field}.postalCode`, c),
    city: optionalText(a.city, ADDRESS_TEXT_LIMITS.city, `${field}.city`, c),
    country:
      optionalText(a.country, ADDRESS_TEXT_LIMITS.country, `${field}.country`, c)?.toUpperCase() ?? defaultCountry,
  };
}

/** The ISO 4217 codes in use, as the runtime's ICU data lists them (`XYZ` is no currency). */
const ISO_4217: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/**
 * Checks and parses what a request holds on its own: type, dates, currency, amounts, texts, line numbers. No I/O.
 * `today` is the default document date (on the regime's clock). Throws a validation error listing every issue.
 * With the account's `regime` (absent: Portugal), the types and fields of another regime are refused.
 */
export function normalizeInput(input: DocumentInput, today: string, regime?: FiscalRegime): NormalizedInput {
  const c = new IssueCollector();
  if (!isDocType(input.type)) {
    throw new DomainError('validation', `Unknown document type ${String(input.type)}.`, [
      { field: 'type', issue: 'invalid', message: 'Unknown document type.', value: String(input.type) },
    ]);
  }
  const type = input.type;
  const info = DOC_TYPE_INFO[type];
  const refusal = regime?.typeRefusal(type);
  if (regime && refusal) throw notInRegime(regime, refusal, 'type');
  const belgian = regime?.code === 'BE';
  if (info.family === 'payment' || info.family === 'opening_balance') {
    throw new DomainError('validation', `${type} documents are created through their own endpoint.`, [
      { field: 'type', issue: 'invalid', message: 'Use the receipts or opening-balance endpoint.' },
    ]);
  }
  if (!Array.isArray(input.lines)) c.add('lines', 'required', 'A document needs at least one line.');
  const docDate = input.date ?? today;
  if (!isIsoDate(docDate)) c.add('date', 'invalid', 'Use YYYY-MM-DD.');
  if (input.dueDate != null && !isIsoDate(input.dueDate)) c.add('dueDate', 'invalid', 'Use YYYY-MM-DD.');
  if (input.taxPointDate != null && !isIsoDate(input.taxPointDate)) c.add('taxPointDate', 'invalid', 'Use YYYY-MM-DD.');
  const loadAt = input.loadAt == null ? null : normalizeLocalDateTime(input.loadAt);
  if (input.loadAt != null && !loadAt) c.add('loadAt', 'invalid', 'Use YYYY-MM-DDThh:mm:ss.');
  const unloadAt = input.unloadAt == null ? null : normalizeLocalDateTime(input.unloadAt);
  if (input.unloadAt != null && !unloadAt) c.add('unloadAt', 'invalid', 'Use YYYY-MM-DDThh:mm:ss.');
  const currency = (input.currency ?? 'EUR').toUpperCase();
  const knownCurrency = ISO_4217.has(currency);
  if (!knownCurrency) c.add('currency', 'invalid', 'An ISO 4217 code in use (EUR, USD, GBP…).');
  let exchangeRate: Decimal | null = null;
  if (currency !== 'EUR' && knownCurrency) {
    exchangeRate = input.exchangeRate == null ? null : (parseDecimal(input.exchangeRate) ?? null);
    if (!exchangeRate || !exchangeRate.gt(0))
      c.add(
        'exchangeRate',
        'required',
        'A positive exchange rate (units of the currency per euro) is required for a foreign currency.',
      );
  }
  const paidOnIssue = input.paidOnIssue ?? null;
  if (paidOnIssue !== null && typeof paidOnIssue !== 'boolean') c.add('paidOnIssue', 'invalid', 'true or false.');
  else {
    const problem = paidOnIssueProblem(type, paidOnIssue);
    if (problem) c.add('paidOnIssue', 'invalid', problem);
  }
  const language = input.language ?? null;
  // Dutch and German are languages of Belgian documents.
  const languages = belgian ? ['pt', 'en', 'fr', 'nl', 'de'] : ['pt', 'en', 'fr'];
  if (language !== null && !languages.includes(language))
    c.add('language', 'invalid', `One of ${languages.join(', ')}.`);
  let paymentReference: string | null = null;
  if (input.paymentReference != null) {
    if (!belgian)
      c.add('paymentReference', 'not_allowed', 'The structured payment reference (OGM/VCS) is for Belgian sellers.');
    else {
      paymentReference = parsePaymentReference(String(input.paymentReference));
      if (!paymentReference)
        c.add(
          'paymentReference',
          'invalid',
          'A Belgian structured communication: +++ddd/dddd/ddddd+++, the last two digits the mod-97 check of the first ten.',
          String(input.paymentReference),
        );
    }
  }
  const rounding = input.roundingAdjustment == null ? ZERO : parseDecimal(input.roundingAdjustment);
  if (!rounding || rounding.abs().gt('0.03') || rounding.decimalPlaces() > 2)
    c.add('roundingAdjustment', 'out_of_range', 'At most ±0.03.', '0.03');
  let globalDiscount: GlobalDiscount | undefined;
  if (input.globalDiscount) {
    const v = parseDecimal(input.globalDiscount.value);
    if (!['percent', 'amount'].includes(input.globalDiscount.kind))
      c.add('globalDiscount.kind', 'invalid', 'percent or amount.');
    else if (!v || v.lt(0) || (input.globalDiscount.kind === 'percent' && v.gt(100)))
      c.add('globalDiscount.value', 'out_of_range', 'A percentage between 0 and 100, or a positive amount.');
    else globalDiscount = { kind: input.globalDiscount.kind, value: v };
  }
  let withholdingRate: Decimal | undefined;
  if (input.withholding) {
    const r = parseDecimal(input.withholding.rate);
    if (!r || r.lt(0) || r.gte(100)) c.add('withholding.rate', 'out_of_range', 'A percentage between 0 and 99.99.');
    else withholdingRate = r.isZero() ? undefined : r;
    if (input.withholding.type && !['IRS', 'IRC', 'IS'].includes(input.withholding.type))
      c.add('withholding.type', 'invalid', 'IRS, IRC or IS.');
  }
  const country = belgian ? 'BE' : 'PT';
  const billing = address(input.billingAddress, 'billingAddress', c, country);
  const loadAddress = address(input.loadAddress, 'loadAddress', c, country);
  const unloadAddress = address(input.unloadAddress, 'unloadAddress', c, country);
  const L = DOCUMENT_TEXT_LIMITS;
  const text = {
    reference: optionalText(input.reference, L.reference, 'reference', c),
    observations: optionalText(input.observations, L.observations, 'observations', c),
    internalNote: optionalText(input.internalNote, L.internalNote, 'internalNote', c),
    vehiclePlate: optionalText(input.vehiclePlate, L.vehiclePlate, 'vehiclePlate', c),
  };
  const rawLines = Array.isArray(input.lines) ? input.lines : [];
  const lines = rawLines.map((l, i) => {
    const at = `lines[${i}]`;
    if (!l || typeof l !== 'object') {
      c.add(at, 'invalid', 'A line object.');
      return null;
    }
    const quantity = parseDecimal(l.quantity);
    if (!quantity) c.add(`${at}.quantity`, 'invalid', 'A decimal number.');
    else if (quantity.decimalPlaces() > 10) c.add(`${at}.quantity`, 'invalid', 'At most 10 decimals.', '10');
    const unitPrice = l.unitPrice == null ? undefined : parseDecimal(l.unitPrice);
    if (l.unitPrice != null && !unitPrice) c.add(`${at}.unitPrice`, 'invalid', 'A decimal number.');
    else if (unitPrice && unitPrice.decimalPlaces() > 10)
      c.add(`${at}.unitPrice`, 'invalid', 'At most 10 decimals.', '10');
    const discounts = (l.discounts ?? []).map((d, j) => {
      const v = parseDecimal(d);
      if (!v) c.add(`${at}.discounts[${j}]`, 'invalid', 'A percentage.');
      return v ?? ZERO;
    });
    const reference = l.originLineId != null ? null : checkExternalReference(l.reference, `${at}.reference`, c);
    if (reference && !info.rectifies)
      c.add(`${at}.reference`, 'invalid', 'Only credit and debit note lines name an original by its number.');
    return { input: l, quantity: quantity!, unitPrice: unitPrice ?? undefined, discounts, reference };
  });
  c.throwIfAny();
  return {
    type,
    docDate,
    dueDate: input.dueDate ?? null,
    taxPointDate: input.taxPointDate ?? null,
    loadAt: loadAt ?? null,
    unloadAt: unloadAt ?? null,
    currency,
    exchangeRate,
    language: language as Lang | null,
    roundingAdjustment: rounding!,
    globalDiscount,
    withholdingRate,
    withholdingType: withholdingRate ? (input.withholding?.type ?? 'IRS') : null,
    paidOnIssue,
    paymentReference,
    billing,
    loadAddress,
    unloadAddress,
    text,
    // After throwIfAny every line is an object with a valid quantity.
    lines: lines.map((l) => l!),
  };
}
