/**
 * The EN 16931 semantic invoice (BT/BG level) that the UBL and CII serializers write, whatever the syntax. Amounts
 * are decimal strings with two decimals (BR-DEC-*), in the document currency (BT-5) unless said otherwise; prices and
 * quantities carry as many decimals as they need. Plain data: no syntax, no I/O.
 */
export type Amount = string;

/** UNCL5305 subset allowed by BR-CL-18. */
export type VatCategory = 'S' | 'Z' | 'E' | 'AE' | 'K' | 'G' | 'O' | 'L' | 'M';

/** BT-3: 380 commercial invoice, 381 credit note, 383 debit note. */
export type InvoiceTypeCode = '380' | '381' | '383';

export interface EinvoiceAddress {
  line1?: string | null;
  city?: string | null;
  postalCode?: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** An identifier with its scheme (EAS for electronic addresses, ICD for legal ids). */
export interface SchemedId {
  id: string;
  scheme: string;
}

export interface EinvoiceParty {
  /** BT-27 / BT-44. */
  name: string;
  /** BT-28 / BT-45. */
  tradeName?: string | null;
  /** BT-34 / BT-49. */
  endpoint: SchemedId | null;
  /** BT-31 / BT-48, with its country prefix. */
  vatId: string | null;
  /** BT-30 / BT-47 (scheme optional in EN 16931). */
  legalId: { id: string; scheme?: string | null } | null;
  address: EinvoiceAddress;
  contact?: { name?: string | null; phone?: string | null; email?: string | null } | null;
}

export interface VatOfLine {
  category: VatCategory;
  /** Percent; null for O (BR-O-05). */
  rate: string | null;
}

/** BG-20/BG-21 (document) and BG-27/BG-28 (line). */
export interface AllowanceCharge {
  charge: boolean;
  amount: Amount;
  baseAmount?: Amount | null;
  percent?: string | null;
  /** UNCL5189 (allowances) or UNCL7161 (charges). */
  reasonCode?: string | null;
  reason?: string | null;
  /** Document level only. */
  vat?: VatOfLine | null;
}

/** BG-23. */
export interface VatBreakdown extends VatOfLine {
  taxable: Amount;
  tax: Amount;
  /** BT-121 (VATEX) and BT-120. */
  exemptionCode?: string | null;
  exemptionReason?: string | null;
}

export interface EinvoiceLine {
  /** BT-126. */
  id: string;
  /** BT-129 and BT-130 (UN/ECE Rec 20). */
  quantity: string;
  unitCode: string;
  /** BT-131. */
  net: Amount;
  /** BT-153 / BT-154 / BT-155. */
  name: string;
  sellerItemId?: string | null;
  /** BT-146, net of price discounts, no decimal limit. */
  price: string;
  allowances: AllowanceCharge[];
  vat: VatOfLine;
  /** The line's exemption: its national code (PT M-code) or VATEX code, and its text. */
  exemption: { code: string | null; reason: string | null } | null;
}

/** BG-22, and BT-111 when the VAT accounting currency differs (BT-6). */
export interface EinvoiceTotals {
  lineNet: Amount;
  allowances: Amount | null;
  charges: Amount | null;
  taxExclusive: Amount;
  tax: Amount;
  taxInclusive: Amount;
  prepaid: Amount | null;
  rounding: Amount | null;
  payable: Amount;
  /** BT-111, in BT-6. */
  taxInAccountingCurrency: Amount | null;
}

export interface Einvoice {
  kind: 'invoice' | 'credit-note';
  typeCode: InvoiceTypeCode;
  /** BT-1. */
  number: string;
  /** BT-2, BT-9, BT-7 (YYYY-MM-DD). */
  issueDate: string;
  dueDate: string | null;
  taxPointDate: string | null;
  /** BT-5 and BT-6 (null when the same). */
  currency: string;
  taxCurrency: string | null;
  /** BT-22. */
  notes: string[];
  /**
   * Tax withheld at source (PT), stated as paid (within BT-113): EN 16931 has no element for it, so it is also a
   * note (CIUS-PT's structured #WITHHOLDINGTAX…# notes).
   */
  withholding: { amount: Amount; type: string; note: string } | null;
  /** BT-10, BT-13. */
  buyerReference: string | null;
  orderReference: string | null;
  /** BG-3. */
  preceding: { number: string; date: string | null }[];
  seller: EinvoiceParty;
  buyer: EinvoiceParty;
  /** BG-13. */
  delivery: { date: string | null; address: EinvoiceAddress | null } | null;
  /** BG-16: BT-81 code, BT-83 remittance information, BT-84 IBAN, BT-86 BIC. */
  payment: { meansCode: string; paymentId: string | null; iban: string | null; bic?: string | null } | null;
  /** BT-20. */
  paymentTerms: string | null;
  allowancesCharges: AllowanceCharge[];
  vat: VatBreakdown[];
  totals: EinvoiceTotals;
  lines: EinvoiceLine[];
}
