/**
 * Domain errors carry a stable code and no HTTP status: each API edge maps codes to its own envelope.
 */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'idempotency_in_flight'
  | 'idempotency_mismatch'
  | 'rate_limited'
  // document lifecycle
  | 'document_not_draft'
  | 'document_not_final'
  | 'document_already_cancelled'
  | 'document_has_payments'
  | 'document_has_rectifications'
  | 'document_converted'
  | 'document_not_deletable'
  // legal rules
  | 'date_before_last_in_series'
  | 'due_date_before_document_date'
  | 'load_date_before_document_date'
  | 'unload_date_invalid'
  | 'transport_data_missing'
  | 'exemption_required'
  | 'exemption_invalid'
  | 'exemption_not_allowed'
  | 'zero_unit_price'
  | 'negative_total'
  | 'anonymous_customer_limit'
  | 'invalid_tax_id'
  | 'invalid_postal_code'
  | 'invalid_series_code'
  | 'rectification_without_reference'
  | 'rectification_exceeds_original'
  | 'rectification_of_cancelled'
  | 'simplified_invoice_limit'
  | 'series_not_registered'
  | 'series_inactive'
  | 'in_use'
  | 'contact_tax_id_locked'
  | 'settlement_exceeds_balance'
  | 'conversion_exceeds_pending'
  | 'insufficient_stock'
  // AT communication
  | 'at_not_configured'
  | 'secret_key_not_configured'
  | 'at_rejected'
  | 'at_unavailable'
  // e-mail
  | 'email_not_configured'
  /** A feature of another fiscal regime than the account's (SAF-T, AT, ATCUD, a Portuguese document type for BE). */
  | 'not_in_regime';

export interface FieldIssue {
  /** Path of the offending field, e.g. `lines[2].quantity`. */
  field: string;
  /** Machine-readable issue: required, invalid, too_long, out_of_range, unknown, not_unique… */
  issue: string;
  message: string;
  /** The limit or value the issue refers to, when there is one. */
  value?: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: FieldIssue[];
  readonly meta: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: FieldIssue[] = [], meta: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
    this.meta = meta;
  }
}

export function validationError(details: FieldIssue[], message = 'The request has invalid fields.'): DomainError {
  return new DomainError('validation', message, details);
}

export function notFound(resource: string, id?: string | number): DomainError {
  return new DomainError(
    'not_found',
    id === undefined ? `${resource} not found.` : `${resource} ${id} not found.`,
    [],
    { resource },
  );
}

/** Collects field issues and throws them together, so a caller sees every bad field at once. */
export class IssueCollector {
  readonly issues: FieldIssue[] = [];
  add(field: string, issue: string, message: string, value?: string): void {
    this.issues.push(value === undefined ? { field, issue, message } : { field, issue, message, value });
  }
  throwIfAny(message?: string): void {
    if (this.issues.length > 0) throw validationError(this.issues, message);
  }
}
