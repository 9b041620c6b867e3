import type { Lang } from '../documents/types.js';
import { DomainError } from '../errors.js';
import { printedHashChars } from './signature.js';

function certNumber(certNo: string | number): string {
  const s = String(certNo);
  if (!/^\d{1,4}$/.test(s)) {
    throw new DomainError('validation', 'The AT certificate number has 1 to 4 digits.', [
      { field: 'certificateNo', issue: 'invalid', message: 'Expected 1 to 4 digits.', value: s },
    ]);
  }
  return s.padStart(4, '0');
}

/**
 * `AxAx-Processado por programa certificado n.º 0000/AT` on signed documents.
 * NOTE: D8632 §2.2.2 and Portaria 363/2010 art. 6.º n.º 3 a)–b) — hash characters 1, 11, 21, 31, a hyphen, the text.
 */
export function certificationLine(hash: string, certNo: string | number): string {
  const chars = printedHashChars(hash);
  if (chars === '') {
    throw new DomainError('validation', 'The document hash is too short to print.', [
      { field: 'hash', issue: 'invalid', message: 'A signature hash has 172 characters.' },
    ]);
  }
  return `${chars}-Processado por programa certificado n.º ${certNumber(certNo)}/AT`;
}

/** NOTE: D8632 §2.2.3 — on documents that are not signed, receipts in particular. */
export function issuedByLine(certNo: string | number): string {
  return `Emitido por programa certificado n.º ${certNumber(certNo)}/AT`;
}

/** NOTE: Portaria 195/2020 art. 4.º — printed as `ATCUD:<code>-<n>`, immediately above the QR code. */
export function atcudLine(atcud: string): string {
  return `ATCUD:${atcud}`;
}

/** NOTE: D8632 §1.2 — on every non-invoice document that can be shown to the customer (SAF-T tables 4.2–4.4). */
export const NOT_AN_INVOICE = 'Este documento não serve de fatura';

/** NOTE: D8632 §1.5 — on documents of training series. */
export const TRAINING_MARK = 'Documento emitido para fins de Formação';

/** Sandbox documents are never communicated to AT nor signed with a certified key, so they must not pass for real ones. */
export const SANDBOX_MARK: Readonly<Record<Lang, string>> = {
  pt: 'Documento sem validade legal',
  en: 'Document without legal validity',
  fr: 'Document sans valeur légale',
};

export type CopyKind = 'original' | 'duplicate' | 'reprint';

/**
 * NOTE: D8632 §2.2.15 — a re-print (2.ª via) keeps the original content but must say it is not the original.
 * Original/Duplicado are the usual names of the customer's and the issuer's copy; AT prescribes no wording.
 */
export const COPY_MARKS: Readonly<Record<Lang, Readonly<Record<CopyKind, string>>>> = {
  pt: { original: 'Original', duplicate: 'Duplicado', reprint: '2.ª via' },
  en: { original: 'Original', duplicate: 'Duplicate', reprint: 'Second copy' },
  fr: { original: 'Original', duplicate: 'Duplicata', reprint: 'Seconde copie' },
};
