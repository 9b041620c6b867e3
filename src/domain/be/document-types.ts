import { DOC_TYPE_INFO, type DocType } from '../documents/types.js';

/**
 * Why a BE account does not issue a type, or null when it does. Belgium knows the invoice and the credit note
 * (VAT Code art. 53 §2, Royal Decree no. 1 art. 5 and 9, EN 16931 380/381), a debit note as an invoice for a
 * supplement, and the commercial documents that have no fiscal effect (quotes, pro formas, orders) and payment
 * receipts. The others are creatures of Portuguese law.
 */
const REFUSED: Partial<Record<DocType, string>> = {
  // NOTE: the fatura simplificada is CIVA art. 40.º; the Belgian simplified invoice of Royal Decree no. 1 art. 13
  // has other limits and a till-receipt regime (Royal Decree of 30 November 2015, certified till): not offered.
  FS: 'The simplified invoice (FS, CIVA art. 40.º) is a Portuguese document type: issue an invoice (FT).',
  // NOTE: the fatura-recibo is a Portuguese type (Portaria 363/2010, SAF-T InvoiceType FR): a Belgian invoice
  // is settled by a separate payment.
  FR: 'The invoice-receipt (FR) is a Portuguese document type: issue an invoice (FT) and record its payment.',
  // NOTE: transport documents are DL 147/2003 (Regime de Bens em Circulação), communicated to AT: Portugal only.
  GT: 'Transport documents (DL 147/2003) are Portuguese and communicated to the AT.',
  GR: 'Transport documents (DL 147/2003) are Portuguese and communicated to the AT.',
  GA: 'Transport documents (DL 147/2003) are Portuguese and communicated to the AT.',
  GC: 'Transport documents (DL 147/2003) are Portuguese and communicated to the AT.',
  GD: 'Transport documents (DL 147/2003) are Portuguese and communicated to the AT.',
  // NOTE: the RC receipt is the Portuguese cash-VAT regime's (DL 71/2013, IVA de caixa).
  RC: 'The cash-VAT receipt (RC, DL 71/2013) is Portuguese: use a receipt (RG).',
};

export function belgianTypeRefusal(type: DocType): string | null {
  return REFUSED[type] ?? null;
}

/** The invoice-like types a Belgian structured payment reference is given to: what a customer pays. */
export function takesPaymentReference(type: DocType): boolean {
  return type === 'FT' || type === 'ND';
}

/**
 * Why a Belgian document of this type cannot go to the anonymous final consumer, or null when it can.
 * NOTE: Royal Decree no. 1 art. 5 §1 7° (VAT Directive art. 226 (5)) — an invoice states the customer's name and
 * address, a credit or debit note those of the invoice it corrects (art. 9); EN 16931 BR-07 asks the buyer's name.
 * Belgium has no anonymous customer for an invoice (Portugal's is its final consumer, NIF 999999990): a consumer is
 * named, without a VAT number.
 */
export function belgianAnonymousCustomerRefusal(type: DocType): string | null {
  return DOC_TYPE_INFO[type].isInvoice
    ? 'A Belgian invoice, credit or debit note names its customer (Royal Decree no. 1 art. 5 §1 7°): give the customer’s name, and its VAT number when it has one.'
    : null;
}
