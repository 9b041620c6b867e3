import { formatDocumentNumber } from '../numbering/document-number.js';
import type { FiscalRegime } from '../regime/fiscal-regime.js';
import { brusselsDate } from './clock.js';
import { belgianAnonymousCustomerRefusal, belgianTypeRefusal, takesPaymentReference } from './document-types.js';
import { belgianMarks } from './document-marks.js';
import { paymentReferenceFor } from './payment-reference.js';

/**
 * Belgium: the VAT Code (WBTW/CTVA) and Royal Decree no. 1 on invoicing; EN 16931 structured invoices (B2B since
 * 2026-01-01). No certified-software signature, no document code and no tax-authority communication of invoices.
 */
export const belgium: FiscalRegime = {
  code: 'BE',
  timeZone: 'Europe/Brussels',
  today: brusselsDate,
  // NOTE: Royal Decree no. 1 art. 5 §1 2° — a sequential number, in one or more series, that identifies the invoice
  // uniquely: `<type> <series>/<n>`, gapless per series and type like every regime (the one numbering path).
  documentNumber: formatDocumentNumber,
  signs: () => false,
  sign: () => {
    throw new Error('Belgian documents are not signed.');
  },
  documentCode: () => null,
  marks: belgianMarks,
  taxAuthorities: [],
  auditFile: null,
  typeRefusal: belgianTypeRefusal,
  // NOTE: the structured communication (OGM/VCS) lets the bank match the payment: derived from the document id,
  // unique in the database, so it needs no counter.
  paymentReference: (type, documentId) => (takesPaymentReference(type) ? paymentReferenceFor(documentId) : null),
  // A Belgian customer without a VAT number (a consumer) has none: Portugal's 999999990 means nothing here.
  finalConsumerTaxId: null,
  anonymousCustomerRefusal: belgianAnonymousCustomerRefusal,
};
