import type { Decimal } from '../money/decimal.js';
import type { DocType, Lang } from '../documents/types.js';

/** What a regime reads of a document to give its legal marks. */
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
  /** The printed hash characters (D8632 §2.2.2 in Portugal), empty for unsigned documents. */
  hashChars: string;
  /** The software certification statement ("…Processado por programa certificado n.º 0000/AT" in Portugal). */
  certification: string;
  /** The document code line ("ATCUD:CODE-SEQ" in Portugal, printed immediately above the QR code). */
  atcudLine: string | null;
  /** The tax authority's QR message, for finalized documents. */
  qrPayload: string | null;
  /** Further statements the document must print. */
  notices: string[];
}
