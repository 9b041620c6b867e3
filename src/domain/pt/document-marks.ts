import { type Decimal, dec } from '../money/decimal.js';
import { DOC_TYPE_INFO, type DocType, type Lang } from '../documents/types.js';
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

export interface MarksInput {
  docType: DocType;
  status: 'draft' | 'final' | 'cancelled';
  docDate: string;
  docNo: string | null;
  atcud: string | null;
  hash: string | null;
  issuerTaxId: string;
  customerTaxId: string;
  customerCountry: string;
  taxGroups: { type: string; region: string; code: string; rate: string; base: string; tax: string }[];
  taxTotal: Decimal;
  grossTotal: Decimal;
  withholding: Decimal;
  certNo: number;
  sandbox: boolean;
  training: boolean;
  language: Lang;
}

export interface DocumentMarks {
  /** The 4 printed hash characters (D8632 §2.2.2), empty for unsigned documents. */
  hashChars: string;
  /** "xxxx-Processado por programa certificado n.º 0000/AT" or "Emitido por…" for unsigned documents. */
  certification: string;
  /** "ATCUD:CODE-SEQ", printed immediately above the QR code (P195 art. 4.º). */
  atcudLine: string | null;
  /** The AT QR message (P195 art. 5.º–6.º), for finalized documents. */
  qrPayload: string | null;
  /** Further statements the document must print. */
  notices: string[];
}

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
