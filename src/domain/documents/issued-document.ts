import type { ExternalReference } from './external-reference.js';
import { dec } from '../money/decimal.js';
import type { RegimeCode } from '../regime/fiscal-regime.js';
import type { DocumentMarks } from '../regime/marks.js';
import { fiscalRegime } from '../regime/registry.js';
import type { DocType, Lang } from './types.js';
import type { VatCategory } from './vat-category.js';

/**
 * A decimal as stored: an exact decimal string ("23.0000", "1.5000000000", "12.30"). Decimals stay strings in the
 * model because the outputs print them as stored (SAF-T, the AT requests) or hash them (the PDF model) and must not
 * change a character; arithmetic goes through `dec()`. The model is also plain data: it serialises to JSON.
 */
export type DecimalString = string;

/** A postal address as snapshotted on the document. */
export interface IssuedAddress {
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
}

/** A party (seller or customer) as snapshotted on the document when it was issued. */
export interface IssuedParty extends IssuedAddress {
  name: string;
  taxId: string;
  country: string;
  email?: string | null;
  /** The customer's code as snapshotted (printed on the PDF). */
  code?: string | null;
  phone?: string | null;
  legalName?: string;
  tradeName?: string | null;
  companyRegistry?: string | null;
  website?: string | null;
}

/** The customer, with where it is kept in the account's master data. */
export interface IssuedCustomer {
  snapshot: IssuedParty;
  contactId: number | null;
  /** The contact's code now (the final consumer's when the document has none): SAF-T CustomerID. */
  masterCode: string | null;
}

/** The issuing account: what legal marks need besides the document. */
export interface IssuedAccount {
  taxId: string;
  /** The account's country, which names its fiscal regime: 'PT' or 'BE' (`IssuedDocument.regime`). */
  country: string;
  /** AT software certificate number (0: none). */
  certNo: number;
  sandbox: boolean;
  /** The account's bank details now (not snapshotted at issue: they say where to pay, not what was invoiced). */
  iban?: string | null;
  bic?: string | null;
}

/** Another document this one names (the invoice a credit note corrects, the origin of a line, a settled invoice). */
export interface DocumentRef {
  id: number;
  type: string;
  /** Its full number ("FT A/12"), null while a draft. */
  number: string | null;
  date: string;
}

/** One tax group of the document: base and tax per type, region, code and rate. */
export interface IssuedTaxGroup {
  type: string;
  region: string;
  code: string;
  rate: DecimalString;
  base: DecimalString;
  tax: DecimalString;
  exemptionCode?: string | null;
  /**
   * BE documents only (absent on PT ones): the group's EN 16931 VAT category (BT-118, also its `code`), VATEX code
   * (BT-121) and exemption reason text (BT-120). Groups are per (category, rate), as EN 16931 BG-23 wants them.
   */
  vatCategory?: VatCategory;
  vatexCode?: string | null;
  exemptionReason?: string | null;
}

export interface IssuedTax {
  id: number | null;
  /** IVA, IS or NS. */
  type: string;
  /** PT, PT-AC, PT-MA or an ISO country. */
  region: string;
  /** NOR, INT, RED, ISE, OUT, NS. */
  code: string;
  rate: DecimalString;
}

/** A line as issued: what was sold and its amounts, computed by the domain (totals) when it was issued. */
export interface IssuedLine {
  id: number;
  position: number;
  itemId: number | null;
  code: string;
  description: string;
  productType: string;
  quantity: DecimalString;
  unit: string;
  /** Net unit price, or gross when the document's prices include VAT. */
  unitPrice: DecimalString;
  /** The line's own cascaded discount percentages (three, zeros included). */
  discounts: [DecimalString, DecimalString, DecimalString];
  tax: IssuedTax;
  /** The Portuguese exemption (M-code and its text); null on BE lines, which give `vatexCode`/`exemptionReason`. */
  exemption: { code: string; reason: string | null } | null;
  /**
   * EN 16931 VAT category (BT-151) of a BE line: S, Z, E, AE, K, G or O (its `tax.code` is the same). Null on PT
   * lines, whose category follows from `tax.code` and `exemption`.
   */
  vatCategory: VatCategory | null;
  /** The VATEX exemption reason code (BT-121), e.g. VATEX-EU-AE, VATEX-EU-IC, VATEX-EU-G, VATEX-EU-O, VATEX-EU-132-1I. */
  vatexCode: string | null;
  /** The exemption reason text (BT-120) of a 0 % line: the PT exemption's text or the BE line's legal mention. */
  exemptionReason: string | null;
  amounts: {
    /** Net value after line and global discounts, full precision (SAF-T Debit/CreditAmount). */
    net: DecimalString;
    /** Net unit price after all discounts (SAF-T UnitPrice). */
    unitNetPrice: DecimalString;
    /** Discount the line got, its share of a global discount included (SAF-T SettlementAmount). */
    discount: DecimalString;
    /** To the cent. */
    netTotal: DecimalString;
    taxTotal: DecimalString;
    grossTotal: DecimalString;
  };
  /** The document line it was carried from (conversion, rectification). */
  origin: { lineId: number | null; document: DocumentRef | null } | null;
  /** The document a credit or debit note line corrects when it is outside the system, by its number. */
  externalReference: ExternalReference | null;
}

/** The document totals, in EUR. */
export interface IssuedTotals {
  net: DecimalString;
  tax: DecimalString;
  gross: DecimalString;
  /** Line and global discounts, net. */
  discount: DecimalString;
  withholding: DecimalString;
  rounding: DecimalString;
  /** gross − withholding + rounding. */
  payable: DecimalString;
}

/** A document a receipt settles, with what it settled of it and the figures a payment line is split from. */
export interface IssuedSettlement {
  id: number;
  amount: DecimalString;
  document: DocumentRef & {
    status: string;
    totals: Pick<IssuedTotals, 'net' | 'tax' | 'gross' | 'withholding' | 'payable'>;
    withholdingType: string | null;
    taxSummary: IssuedTaxGroup[];
  };
}

export interface IssuedTransport {
  load: IssuedAddress | null;
  unload: IssuedAddress | null;
  /** Stored local date-times (`YYYY-MM-DD hh:mm:ss`, Lisbon). */
  loadAt: string | null;
  unloadAt: string | null;
  vehiclePlate: string | null;
  shippingMethod: string | null;
  /** The code AT gave the transport document when it was communicated. */
  atCode: string | null;
}

/**
 * A finalized (or cancelled) document as every output reads it — PDF, SAF-T, the AT requests, webhooks, and the
 * EN 16931 e-invoices to come — loaded by one repository (`app/documents/load-issued-documents.ts`), never from table
 * rows. Dates are ISO days; entry times are stored local date-times (`YYYY-MM-DD hh:mm:ss`, Lisbon).
 */
export interface IssuedDocument {
  id: number;
  accountId: number;
  type: DocType;
  status: 'draft' | 'final' | 'cancelled';
  /** Full number "FT A/12" (null while a draft) and its place in the series. */
  number: string | null;
  sequence: number | null;
  series: { id: number; code: string; kind: 'N' | 'F' | 'R' };
  atcud: string | null;
  /** The RSA-SHA1 signature, its key version, and the 4 characters of it printed (empty when unsigned). */
  signature: { hash: string | null; hashControl: string | null; keyVersion: number | null; printed: string };
  date: string;
  dueDate: string | null;
  taxPointDate: string | null;
  /** When it was issued (SAF-T SystemEntryDate). */
  systemEntry: string | null;
  /** The last change of status (issue or cancellation). */
  statusDate: string | null;
  cancelReason: string | null;
  /** The user who issued it (SAF-T SourceID), null for the system. */
  userId: number | null;
  language: string;
  currency: string;
  /** Units of the currency per euro. */
  exchangeRate: DecimalString | null;
  /** The gross total in the document's currency. */
  currencyTotal: DecimalString | null;
  /** The fiscal regime it was issued under (the account's country): PT or BE. */
  regime: RegimeCode;
  account: IssuedAccount;
  seller: IssuedParty;
  customer: IssuedCustomer;
  /** The customer's own reference (order number…). */
  reference: string | null;
  observations: string | null;
  vatIncluded: boolean;
  globalDiscount: { kind: 'percent' | 'amount'; value: DecimalString } | null;
  withholding: { type: string | null; rate: DecimalString | null };
  lines: IssuedLine[];
  taxSummary: IssuedTaxGroup[];
  totals: IssuedTotals;
  payment: {
    methodId: number | null;
    /** The payment method's name, and its SAF-T PaymentMechanism code. */
    method: string | null;
    mechanism: string | null;
    openBalance: DecimalString;
    paid: boolean;
    /** Paid by its own issue (an FR; an FS unless issued unpaid): what SAF-T's Payment and the PDF's "Paid" show. */
    settledOnIssue: boolean;
    /**
     * The structured payment reference (EN 16931 BT-83): on BE invoices the Belgian OGM/VCS `+++ddd/dddd/ddddd+++`,
     * given or generated at finalize; null otherwise.
     */
    reference: string | null;
  };
  transport: IssuedTransport;
  /**
   * The document a credit or debit note corrects. (Delivery, EN 16931 BG-13: the deliver-to address is
   * `transport.unload`, the actual delivery date `transport.unloadAt`'s day, as SAF-T ShipTo has them.)
   */
  related: DocumentRef | null;
  /** For a receipt: the documents it settles, in settlement order. */
  settles: IssuedSettlement[];
}

/** The documents it refers to, each once: the corrected document first, then the origins of the lines. */
export function referencedDocuments(doc: IssuedDocument): DocumentRef[] {
  const out: DocumentRef[] = [];
  const add = (r: DocumentRef | null | undefined) => {
    if (r && r.id !== doc.id && !out.some((o) => o.id === r.id)) out.push(r);
  };
  add(doc.related);
  for (const l of doc.lines) add(l.origin?.document);
  return out;
}

/** The originals outside the system its lines correct, each number once, in line order. */
export function externalReferences(doc: Pick<IssuedDocument, 'lines'>): ExternalReference[] {
  const out: ExternalReference[] = [];
  for (const l of doc.lines)
    if (l.externalReference && !out.some((o) => o.number === l.externalReference!.number))
      out.push(l.externalReference);
  return out;
}

/** What the document prints besides its data (certification line, ATCUD line, QR message, notices), in `language`. */
export function issuedDocumentMarks(doc: IssuedDocument, language: Lang): DocumentMarks {
  return fiscalRegime(doc.regime).marks({
    docType: doc.type,
    status: doc.status,
    docDate: doc.date,
    docNo: doc.number,
    atcud: doc.atcud,
    hash: doc.signature.hash,
    issuerTaxId: doc.account.taxId,
    customerTaxId: doc.customer.snapshot.taxId,
    customerCountry: doc.customer.snapshot.country,
    taxGroups: doc.taxSummary,
    taxTotal: dec(doc.totals.tax),
    grossTotal: dec(doc.totals.gross),
    withholding: dec(doc.totals.withholding),
    certNo: doc.account.certNo,
    sandbox: doc.account.sandbox,
    training: doc.series.kind === 'F',
    language,
  });
}
