import { dec } from '../money/decimal.js';
import { DomainError } from '../errors.js';
import { at, attr as attrAsWritten, child, children, text } from './xml-tree.js';

/**
 * The EN 16931 facts of a received e-invoice (UBL 2.1 Invoice/CreditNote or CII D16B CrossIndustryInvoice), as a
 * purchase document lists them. Only what is read here: the validator judges the document, this never refuses a
 * readable e-invoice for a missing or odd value (it is null then).
 */
export interface EinvoiceFacts {
  syntax: 'ubl' | 'cii';
  /** BT-3, UNTDID 1001: 380 invoice, 381 credit note, … */
  typeCode: string | null;
  /** BT-1 */
  number: string | null;
  /** BT-2, YYYY-MM-DD */
  issueDate: string | null;
  /** BT-9, YYYY-MM-DD */
  dueDate: string | null;
  /** BT-5 */
  currency: string | null;
  /** BT-27 (legal name), else BT-28 (trading name). */
  supplierName: string | null;
  /** BT-31 */
  supplierVatId: string | null;
  /** BT-34 as `scheme:value`. */
  supplierEndpoint: string | null;
  /** BT-49 as `scheme:value`. */
  buyerEndpoint: string | null;
  /** BT-109, BT-110, BT-112, BT-115: exact decimal strings, as stated. */
  totals: { net: string | null; tax: string | null; gross: string | null; payable: string | null };
  /** The first embedded PDF (BG-24, BT-125 with mimeCode application/pdf), decoded. */
  pdf: { filename: string | null; bytes: Uint8Array } | null;
}

type Node = Record<string, unknown>;

/**
 * The parsed tree this reads: fast-xml-parser's object form with attributes under `@name`, text under `#text`
 * when an element has attributes, values kept as strings, and namespace prefixes removed (the sender chooses them:
 * cbc:, ram:, none…), so elements are matched by local name. The edge parses (src/exports/einvoice/read-received.ts).
 */
export type XmlTree = Record<string, unknown>;

/** An attribute's value; null when absent or empty. */
const attr = (node: unknown, name: string): string | null => attrAsWritten(node, name) || null;

function amount(node: unknown): string | null {
  const t = text(node);
  if (t === null || t.length > 40 || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  // As stated (scale kept: 934.00 stays 934.00), checked to be a decimal.
  return dec(t).isFinite() ? t : null;
}

function isoDate(t: string | null): string | null {
  return t && /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : null;
}

/** CII dates are DateTimeString with format 102 (CCYYMMDD). */
function ciiDate(node: unknown): string | null {
  const s = text(child(node, 'DateTimeString'));
  const m = s ? /^(\d{4})(\d{2})(\d{2})$/.exec(s) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function endpoint(node: unknown): string | null {
  const value = text(node);
  if (!value) return null;
  const scheme = attr(node, 'schemeID');
  return scheme ? `${scheme}:${value}` : value;
}

/** The amount whose currencyID is the document's (a tax total may be repeated in the tax currency, BT-111). */
function inCurrency(nodes: unknown[], currency: string | null): string | null {
  const pick = nodes.find((n) => currency === null || attr(n, 'currencyID') === currency) ?? nodes[0];
  return amount(pick);
}

function pdfOf(objects: unknown[]): EinvoiceFacts['pdf'] {
  for (const o of objects) {
    if (attr(o, 'mimeCode') !== 'application/pdf') continue;
    const b64 = (text(o) ?? '').replace(/\s+/g, '');
    if (!b64 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) continue;
    return { filename: attr(o, 'filename'), bytes: new Uint8Array(Buffer.from(b64, 'base64')) };
  }
  return null;
}

function bad(issue: string, message: string): DomainError {
  return new DomainError('validation', message, [{ field: 'body', issue, message }]);
}

function readUbl(root: Node, creditNote: boolean): EinvoiceFacts {
  const currency = text(child(root, 'DocumentCurrencyCode'));
  const supplier = at(root, 'AccountingSupplierParty', 'Party');
  const vat = children(supplier, 'PartyTaxScheme').find((s) => text(at(s, 'TaxScheme', 'ID')) === 'VAT');
  const totals = child(root, 'LegalMonetaryTotal');
  const taxTotals = children(root, 'TaxTotal').map((t) => child(t, 'TaxAmount'));
  const dueDate = creditNote
    ? (children(root, 'PaymentMeans')
        .map((m) => isoDate(text(child(m, 'PaymentDueDate'))))
        .find(Boolean) ?? null)
    : isoDate(text(child(root, 'DueDate')));
  return {
    syntax: 'ubl',
    typeCode: text(child(root, creditNote ? 'CreditNoteTypeCode' : 'InvoiceTypeCode')),
    number: text(child(root, 'ID')),
    issueDate: isoDate(text(child(root, 'IssueDate'))),
    dueDate,
    currency,
    supplierName: text(at(supplier, 'PartyLegalEntity', 'RegistrationName')) ?? text(at(supplier, 'PartyName', 'Name')),
    supplierVatId: text(child(vat, 'CompanyID')),
    supplierEndpoint: endpoint(child(supplier, 'EndpointID')),
    buyerEndpoint: endpoint(at(root, 'AccountingCustomerParty', 'Party', 'EndpointID')),
    totals: {
      net: amount(child(totals, 'TaxExclusiveAmount')),
      tax: inCurrency(taxTotals, currency),
      gross: amount(child(totals, 'TaxInclusiveAmount')),
      payable: amount(child(totals, 'PayableAmount')),
    },
    pdf: pdfOf(
      children(root, 'AdditionalDocumentReference').map((r) => at(r, 'Attachment', 'EmbeddedDocumentBinaryObject')),
    ),
  };
}

function readCii(root: Node): EinvoiceFacts {
  const doc = child(root, 'ExchangedDocument');
  const tx = child(root, 'SupplyChainTradeTransaction');
  const agreement = child(tx, 'ApplicableHeaderTradeAgreement');
  const settlement = child(tx, 'ApplicableHeaderTradeSettlement');
  const seller = child(agreement, 'SellerTradeParty');
  const sum = child(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  const currency = text(child(settlement, 'InvoiceCurrencyCode'));
  const vat = children(seller, 'SpecifiedTaxRegistration')
    .map((r) => child(r, 'ID'))
    .find((id) => attr(id, 'schemeID') === 'VA');
  return {
    syntax: 'cii',
    typeCode: text(child(doc, 'TypeCode')),
    number: text(child(doc, 'ID')),
    issueDate: ciiDate(child(doc, 'IssueDateTime')),
    dueDate:
      children(settlement, 'SpecifiedTradePaymentTerms')
        .map((t) => ciiDate(child(t, 'DueDateDateTime')))
        .find(Boolean) ?? null,
    currency,
    supplierName: text(child(seller, 'Name')),
    supplierVatId: text(vat),
    supplierEndpoint: endpoint(at(seller, 'URIUniversalCommunication', 'URIID')),
    buyerEndpoint: endpoint(at(agreement, 'BuyerTradeParty', 'URIUniversalCommunication', 'URIID')),
    totals: {
      net: amount(child(sum, 'TaxBasisTotalAmount')),
      tax: inCurrency(children(sum, 'TaxTotalAmount'), currency),
      gross: amount(child(sum, 'GrandTotalAmount')),
      payable: amount(child(sum, 'DuePayableAmount')),
    },
    pdf: pdfOf(children(agreement, 'AdditionalReferencedDocument').map((r) => child(r, 'AttachmentBinaryObject'))),
  };
}

export function einvoiceInputError(issue: string, message: string): DomainError {
  return bad(issue, message);
}

/**
 * The facts of a parsed e-invoice; refuses (validation) another root element than Invoice, CreditNote or
 * CrossIndustryInvoice.
 */
export function readEinvoiceTree(doc: XmlTree): EinvoiceFacts {
  const rootKey = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  const root = rootKey === undefined ? undefined : doc[rootKey];
  if (rootKey === undefined || !root || typeof root !== 'object')
    throw bad('not_einvoice', 'The XML is not an e-invoice (UBL Invoice or CreditNote, CII CrossIndustryInvoice).');
  if (rootKey === 'Invoice') return readUbl(root as Node, false);
  if (rootKey === 'CreditNote') return readUbl(root as Node, true);
  if (rootKey === 'CrossIndustryInvoice') return readCii(root as Node);
  throw bad('not_einvoice', `The XML is not an e-invoice: its root element is ${rootKey}.`);
}
