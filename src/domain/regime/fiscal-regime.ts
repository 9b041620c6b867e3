import type { KeyObject } from 'node:crypto';
import type { DocType } from '../documents/types.js';
import type { DocumentMarks, MarksInput } from './marks.js';

/** The fiscal regimes there are: an account's country names its regime (#16). */
export type RegimeCode = 'PT' | 'BE';
export const REGIME_CODES: readonly RegimeCode[] = ['PT', 'BE'];

/** A tax authority finalized documents are communicated to by an outbox job. */
export type TaxAuthority = 'AT';

/** What a chain signature covers: the document and the hash of the one before it in its series/type. */
export interface ChainInput {
  /** YYYY-MM-DD */
  docDate: string;
  /** The entry time, `YYYY-MM-DDThh:mm:ss` on the regime's clock. */
  systemEntryDate: string;
  /** The document number text, as `documentNumber` gives it. */
  docNo: string;
  /** The gross total, 2 decimals. */
  grossTotal: string;
  /** The previous document's hash; the empty string for the first one. */
  previousHash: string;
}

/** What the document code (ATCUD in Portugal) is made of. */
export interface DocumentCodeInput {
  type: DocType;
  /** The tax authority's validation code of the series/type, when it has one. */
  validationCode: string | null;
  sequence: number;
  sandbox: boolean;
  /** A training series. */
  training: boolean;
}

/**
 * The law a seller issues its documents under: what finalize asks of the account's regime. Pure: the I/O it
 * implies (the signing key, the outbox jobs) is done by the application layer with what the regime answers.
 * Gapless numbering per series/type and entry times that follow the numbers are common to every regime and stay in
 * the one numbering path (`app/documents/number-documents.ts`).
 */
export interface FiscalRegime {
  readonly code: RegimeCode;
  /** The legal clock: entry times and default document dates are wall-clock times in this IANA time zone. */
  readonly timeZone: string;
  /** The date of an instant on the legal clock, `YYYY-MM-DD`. */
  today(instant: Date): string;
  /**
   * The document number text of the `sequence`-th document of a series/type, `internalCode` being what its counter
   * prints for the type (its prefix, by default the type's code).
   */
  documentNumber(internalCode: string, seriesCode: string, sequence: number): string;
  /** Whether documents of this type are signed into their series/type's chain (they then need a signing key). */
  signs(type: DocType): boolean;
  /** The chain signature of a document, over its fields and the previous hash. */
  sign(input: ChainInput, key: KeyObject): string;
  /** The unique document code to store and print, or null where the type has none. Throws when it cannot be made. */
  documentCode(input: DocumentCodeInput): string | null;
  /** What a document must show besides its data (certification text, document code line, QR, notices). */
  marks(input: MarksInput): DocumentMarks;
  /** The tax authorities a finalized document is communicated to (each when the account switched it on). */
  readonly taxAuthorities: readonly TaxAuthority[];
  /** The audit file the law asks of the seller (SAF-T (PT) in Portugal), or null where there is none. */
  readonly auditFile: 'SAF-T (PT)' | null;
  /** Why documents of this type are not issued under the regime (a clear reason for the client), or null. */
  typeRefusal(type: DocType): string | null;
  /** The structured payment reference a finalized document of this type gets when it has none, or null. */
  paymentReference(type: DocType, documentId: number): string | null;
  /**
   * The tax id a customer without one is given on a document (Portugal's final consumer), or null where such a
   * customer simply has none.
   */
  readonly finalConsumerTaxId: string | null;
  /** Why a document of this type cannot go to the anonymous final consumer (a named customer is needed), or null. */
  anonymousCustomerRefusal(type: DocType): string | null;
}
