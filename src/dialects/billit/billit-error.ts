import type { DomainError } from '../../domain/errors.js';

/** One entry of Billit's error list. */
export interface BillitErrorItem {
  Code: string;
  Description: string;
}

/**
 * An answer in Billit's error envelope: `{"errors":[{"Code":"…","Description":"…"}]}` with an HTTP status. Billit's
 * codes are its own resource names (`InvalidVAtPercentageForTaxCountry_0_`, `TheAboutInvoiceNumberCouldNotBeFound`),
 * kept verbatim: clients match them as strings.
 */
export class BillitError extends Error {
  constructor(
    readonly status: number,
    readonly errors: BillitErrorItem[],
  ) {
    super(errors.map((e) => `${e.Code}: ${e.Description}`).join('; ') || `Billit error ${status}`);
    this.name = 'BillitError';
  }

  get body(): { errors: BillitErrorItem[] } {
    return { errors: this.errors };
  }

  /** A 400 with one or more codes (Billit's validation answer). */
  static bad(code: string, description: string): BillitError {
    return new BillitError(400, [{ Code: code, Description: description }]);
  }

  /** Billit's catch-all 400 (an unknown OData property, an unreadable body, …). */
  static generic(description: string): BillitError {
    return new BillitError(400, [{ Code: 'GenericError', Description: description }]);
  }

  /**
   * 401: a missing or bad key, a party the key cannot reach, and another party's order. Billit answers 401, not 404,
   * for an OrderID of another party (D 401.md), and clients rely on it.
   */
  static unauthorized(description = 'Authorization has been denied for this request.'): BillitError {
    return new BillitError(401, [{ Code: 'Unauthorized', Description: description }]);
  }

  /** A 401 with Billit's own code (`InvalidAccessToken`, `AccessTokenExpired`, `AccessTokenRevoked`). */
  static unauthorizedAs(code: string, description: string): BillitError {
    return new BillitError(401, [{ Code: code, Description: description }]);
  }

  static forbidden(description: string): BillitError {
    return new BillitError(403, [{ Code: 'Forbidden', Description: description }]);
  }

  static notFound(description = 'The requested resource was not found.'): BillitError {
    return new BillitError(404, [{ Code: 'NotFound', Description: description }]);
  }

  /** A replayed Idempotency-Key / Idempotent-Key: Billit's exact code, which clients compare. */
  static idempotentReplay(): BillitError {
    return new BillitError(409, [
      { Code: 'Idempotent token already exists', Description: 'Idempotent token already exists' },
    ]);
  }

  static conflict(description: string): BillitError {
    return new BillitError(409, [{ Code: 'Conflict', Description: description }]);
  }

  static tooManyRequests(description: string): BillitError {
    return new BillitError(429, [{ Code: 'TooManyRequests', Description: description }]);
  }

  static internal(): BillitError {
    return new BillitError(500, [{ Code: 'InternalServerError', Description: 'An unexpected error occurred.' }]);
  }
}

const STATUS: Partial<Record<DomainError['code'], number>> = {
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  conflict: 409,
  idempotency_in_flight: 409,
  idempotency_mismatch: 409,
  rate_limited: 429,
  in_use: 409,
};

/**
 * A domain error in Billit's envelope: the status its code implies (400 for every rule of the core), the core's code
 * as Billit's `Code` unless the error names a Billit code (`meta.billitCode`), and each field issue as an entry.
 */
export function billitErrorOf(err: DomainError): BillitError {
  const status = STATUS[err.code] ?? 400;
  if (status === 401) return BillitError.unauthorized(err.message);
  if (status === 404) return BillitError.notFound(err.message);
  if (status === 429) return BillitError.tooManyRequests(err.message);
  if (err.code === 'idempotency_in_flight' || err.code === 'idempotency_mismatch')
    return BillitError.idempotentReplay();
  const code = typeof err.meta.billitCode === 'string' ? err.meta.billitCode : codeOf(err.code);
  const items = err.details.length
    ? err.details.map((d) => ({ Code: code, Description: d.field ? `${d.field}: ${d.message}` : d.message }))
    : [{ Code: code, Description: err.message }];
  return new BillitError(status, items);
}

/** `date_before_last_in_series` → `DateBeforeLastInSeries`: Billit's codes are PascalCase words. */
function codeOf(code: string): string {
  return code.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
}
