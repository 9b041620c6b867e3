import { DOC_TYPE_INFO } from '../documents/types.js';
import { formatDocumentNumber } from '../numbering/document-number.js';
import type { FiscalRegime } from '../regime/fiscal-regime.js';
import { lisbonDate } from '../time.js';
import { CONSUMIDOR_FINAL_NIF } from './nif.js';
import { resolveAtcud } from './atcud.js';
import { documentMarks } from './document-marks.js';
import { signDocument } from './signature.js';

/**
 * Portugal (portugal.md): certified invoicing software under Portaria 363/2010, Despacho 8632/2014,
 * DL 28/2019 and Portaria 195/2020.
 */
export const portugal: FiscalRegime = {
  code: 'PT',
  // NOTE: P302 4.1.4.12 — SystemEntryDate is local time to the second, without zone; mainland Portugal is the reference.
  timeZone: 'Europe/Lisbon',
  today: lisbonDate,
  // NOTE: P302 4.1.4.1 — `<internal type code> <series>/<sequence>`, the internal code being the counter's.
  documentNumber: formatDocumentNumber,
  // NOTE: D8632 §1.1, §2.1.1 — every document with external effect is signed except receipts.
  signs: (type) => DOC_TYPE_INFO[type].signed,
  // NOTE: Portaria 363/2010 arts. 6–7, D8632 §4 — RSA-SHA1 over `DocDate;SystemEntryDate;DocNo;GrossTotal;PreviousHash`.
  sign: (d, key) =>
    signDocument(
      {
        docDate: d.docDate,
        systemEntryDate: d.systemEntryDate,
        docId: d.docNo,
        grossTotal: d.grossTotal,
        previousHash: d.previousHash,
      },
      key,
    ),
  // NOTE: DL 28/2019 art. 7.º n.º 3, Portaria 195/2020 art. 3.º — ATCUD on every type with an AT series class.
  documentCode: (d) =>
    DOC_TYPE_INFO[d.type].seriesClass
      ? resolveAtcud({
          validationCode: d.validationCode,
          sequence: d.sequence,
          sandbox: d.sandbox,
          training: d.training,
        })
      : null,
  marks: documentMarks,
  // NOTE: DL 198/2012 art. 3.º (invoices) and DL 147/2003 (transport documents) — communicated to AT.
  taxAuthorities: ['AT'],
  // NOTE: Portaria 302/2016 — the SAF-T (PT) audit file.
  auditFile: 'SAF-T (PT)',
  typeRefusal: () => null,
  paymentReference: () => null,
  // NOTE: Portaria 195/2020 (SAF-T (PT) CustomerTaxID) — a customer without a NIF is the final consumer, 999999990.
  finalConsumerTaxId: CONSUMIDOR_FINAL_NIF,
  anonymousCustomerRefusal: () => null,
};
