import { dec } from '../money/decimal.js';
import { DOC_TYPE_INFO } from '../documents/types.js';
import type { DocumentMarks, MarksInput } from '../regime/marks.js';
import { buildQrPayload, fiscalSpacesFromTaxGroups } from './qr.js';
import {
  SANDBOX_MARK,
  TRAINING_MARK,
  NOT_AN_INVOICE,
  atcudLine,
  certificationLine,
  issuedByLine,
} from './legal-marks.js';
import { printedHashChars } from './signature.js';

export type { DocumentMarks, MarksInput };

/** What renderers and compatibility APIs print on a document besides its data. */
export function documentMarks(d: MarksInput): DocumentMarks {
  const info = DOC_TYPE_INFO[d.docType];
  const hashChars = d.hash ? printedHashChars(d.hash) : '';
  const certification = info.signed && d.hash ? certificationLine(d.hash, d.certNo) : issuedByLine(d.certNo);
  const notices: string[] = [];
  // NOTE: D8632 §1.2 — documents that are not invoices say so.
  if (!info.isInvoice) notices.push(NOT_AN_INVOICE);
  // NOTE: D8632 §1.5 — training documents are marked as such.
  if (d.training) notices.push(TRAINING_MARK);
  if (d.sandbox) notices.push(SANDBOX_MARK[d.language]);
  let qrPayload: string | null = null;
  if (d.status !== 'draft' && d.docNo && d.atcud && info.seriesClass) {
    const summary = fiscalSpacesFromTaxGroups(
      d.taxGroups.map((g) => ({
        type: g.type as 'IVA',
        region: g.region,
        code: g.code,
        rate: dec(g.rate),
        base: dec(g.base),
        tax: dec(g.tax),
      })),
    );
    qrPayload = buildQrPayload({
      issuerTaxId: d.issuerTaxId,
      customerTaxId: d.customerTaxId,
      customerCountry: d.customerCountry,
      docType: d.docType,
      docStatus: d.status === 'cancelled' ? 'A' : 'N',
      docDate: d.docDate,
      docId: d.docNo,
      atcud: d.atcud,
      fiscalSpaces: summary.fiscalSpaces,
      notSubject: summary.notSubject,
      stampDuty: summary.stampDuty,
      taxPayable: d.taxTotal,
      grossTotal: d.grossTotal,
      withholding: d.withholding.isZero() ? undefined : d.withholding,
      hashChars: hashChars || '0',
      certificateNo: String(d.certNo),
    });
  }
  return { hashChars, certification, atcudLine: d.atcud ? atcudLine(d.atcud) : null, qrPayload, notices };
}
