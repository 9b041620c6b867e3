/** MagniFinance's error codes (api.finance.mag.ni getting-started/error-codes) and their names, as clients read them. */
export const MF_ERROR_NAMES = {
  1: 'AuthenticationError',
  2: 'ValidationError',
  4: 'InvalidTaxId',
  6: 'ElementDoesNotExist',
  7: 'TypeInvalid',
  10: 'TaxExemptionDoesNotExist',
  11: 'CurrencyDoesNotExist',
  14: 'SaveFailed',
  18: 'SerieDataNotMatch',
  19: 'FailedToCreateNewProductUnit',
  22: 'InvalidPercentage',
  38: 'PartnershipNotFound',
} as const;

export type MfErrorCode = keyof typeof MF_ERROR_NAMES;

/** One entry of `ValidationErrors`: the field a problem is about and what it is. */
export interface MfValidationError {
  /** The field as sent (`Document.Lines.0.TaxValue`); MagniFinance also names it in `Field`. */
  FieldName?: string;
  /** The line or element the problem is in (from 0), when it is in a list. */
  ElementNumber?: number;
  /** What kind of problem: `Required`, `Invalid`, `DocumentIsADuplicate`, … */
  Type: string;
  Field: string;
  Value?: string;
  Detail: string;
}

const DEFAULT_TEXT: Record<MfErrorCode, string> = {
  1: 'Authentication failed: the e-mail and token do not match an API key of the account.',
  2: 'The request is not valid.',
  4: 'The tax id is not valid.',
  6: 'The element does not exist.',
  7: 'The type is not valid.',
  10: 'The tax exemption reason does not exist.',
  11: 'The currency does not exist.',
  14: 'The document could not be saved.',
  18: 'The series does not match the document.',
  19: 'The product unit could not be created.',
  22: 'The percentage is not valid.',
  38: 'The partnership was not found.',
};

/**
 * A MagniFinance business error: over SOAP an answer with `Type=Error` (HTTP 200), over REST the same envelope with
 * `Type:1` and an HTTP status (401 for authentication, 404 for a missing element, 429 for a limit, else 400).
 */
export class MfError extends Error {
  readonly humanReadable: string;

  constructor(
    readonly code: MfErrorCode,
    humanReadable?: string,
    readonly validationErrors: MfValidationError[] = [],
    /** The REST status when it is not the code's own (a rate limit's 429). */
    readonly httpStatus?: number,
  ) {
    super(humanReadable ?? DEFAULT_TEXT[code]);
    this.name = 'MfError';
    this.humanReadable = humanReadable ?? DEFAULT_TEXT[code];
  }

  get errorName(): string {
    return MF_ERROR_NAMES[this.code];
  }

  /** The REST status; also what the kit's failed-authentication limit reads (401 counts as a failed login). */
  get status(): number {
    if (this.httpStatus) return this.httpStatus;
    if (this.code === 1) return 401;
    if (this.code === 6) return 404;
    return 400;
  }

  /** A validation error (02) naming one field. */
  static field(field: string, type: string, detail: string, value?: string, code: MfErrorCode = 2): MfError {
    return new MfError(code, detail, [{ FieldName: field, Type: type, Field: field, Value: value, Detail: detail }]);
  }

  /** 06: a document (or another element) that does not exist for this account, or is not ready yet. */
  static notFound(what = 'document', detail?: string): MfError {
    return new MfError(6, detail ?? `The ${what} does not exist.`);
  }

  static unauthenticated(detail?: string): MfError {
    return new MfError(1, detail);
  }
}
