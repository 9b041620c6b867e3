import { DomainError } from '../errors.js';

/**
 * ATCUD — código único de documento. NOTE: DL 28/2019 art. 7.º n.º 3 and art. 35.º; Portaria 195/2020 art. 3.º:
 * `<series validation code>-<sequential number>`, the number being the digits right after the `/` of the
 * document number (portugal.md §3.1).
 */

/** NOTE: the value SAF-T and the QR code (field H) carried before ATCUD was in force (portugal.md §3.1, §4.4). */
export const ATCUD_PLACEHOLDER = '0';

/** NOTE: Portaria 195/2020 art. 3.º n.º 1 — at least 8 characters; AT issues upper-case letters and digits. */
const VALIDATION_CODE = /^[A-Z0-9]{8,}$/;

export function isValidValidationCode(code: string): boolean {
  return VALIDATION_CODE.test(code);
}

/**
 * `CODE-SEQ`. A string sequence is kept exactly as written in the document number (`0035` stays `0035`):
 * AT rejects an ATCUD whose number differs from the document's.
 */
export function formatAtcud(validationCode: string, sequence: string | number): string {
  if (!isValidValidationCode(validationCode)) {
    throw new DomainError(
      'validation',
      'A series validation code has at least 8 characters, upper-case letters and digits only.',
      [
        {
          field: 'validationCode',
          issue: 'invalid',
          message: 'Expected at least 8 characters in [A-Z0-9].',
          value: validationCode,
        },
      ],
    );
  }
  const digits =
    typeof sequence === 'number' ? (Number.isSafeInteger(sequence) && sequence > 0 ? String(sequence) : '') : sequence;
  if (!/^\d*[1-9]\d*$/.test(digits)) {
    throw new DomainError('validation', 'The ATCUD sequence must be the positive document number.', [
      {
        field: 'sequence',
        issue: 'invalid',
        message: 'Expected the digits after the "/" of the document number.',
        value: String(sequence),
      },
    ]);
  }
  return `${validationCode}-${digits}`;
}

export interface AtcudContext {
  /** The AT validation code of the series, when it has been registered. */
  validationCode?: string | null;
  sequence: string | number;
  /** Sandbox accounts never talk to AT, so their series have no code. */
  sandbox: boolean;
  /** Training series (SeriesWS tipoSerie F; D8632 §1.5). */
  training: boolean;
}

/**
 * The ATCUD to store and print: from the validation code when there is one; the `0` placeholder for sandbox
 * accounts and training series without one. A production series without a code cannot finalize documents.
 */
export function resolveAtcud(ctx: AtcudContext): string {
  if (ctx.validationCode) return formatAtcud(ctx.validationCode, ctx.sequence);
  if (ctx.sandbox || ctx.training) return ATCUD_PLACEHOLDER;
  // NOTE: DL 28/2019 art. 35.º n.º 1 — series must be communicated to AT before use (bill.pt error 309).
  throw new DomainError(
    'series_not_registered',
    'A series/type with no validation code cannot finalize documents in a production account.',
  );
}
