import type { DomainError, ErrorCode, FieldIssue } from '../../domain/errors.js';
import { BillptError } from './billpt-error.js';
import { billptFieldName, type FieldMap } from './field-names.js';

/**
 * The bill.pt code of each domain error (seed 001's error table) and the status it is answered with.
 * Field-level errors (validation, not_found with a field, conflict on a unique field) are built from the details.
 */
const BY_CODE: Partial<Record<ErrorCode, [code: string, status: number]>> = {
  unauthenticated: ['208', 401],
  forbidden: ['245', 403],
  rate_limited: ['429', 429],
  idempotency_in_flight: ['209', 409],
  idempotency_mismatch: ['209', 422],
  document_not_draft: ['235', 409],
  document_not_deletable: ['235', 409],
  document_not_final: ['272', 409],
  document_already_cancelled: ['289', 409],
  document_has_payments: ['236', 409],
  document_has_rectifications: ['246', 409],
  document_converted: ['251', 409],
  due_date_before_document_date: ['241', 422],
  load_date_before_document_date: ['240', 422],
  unload_date_invalid: ['239', 422],
  exemption_required: ['270', 422],
  exemption_invalid: ['274', 422],
  exemption_not_allowed: ['275', 422],
  zero_unit_price: ['271', 422],
  negative_total: ['243', 422],
  anonymous_customer_limit: ['244', 422],
  invalid_tax_id: ['206', 422],
  invalid_postal_code: ['214', 422],
  invalid_series_code: ['306', 422],
  rectification_without_reference: ['266', 422],
  rectification_exceeds_original: ['209', 422],
  rectification_of_cancelled: ['289', 409],
  series_not_registered: ['309', 422],
  series_inactive: ['300', 422],
  in_use: ['222', 409],
  settlement_exceeds_balance: ['209', 422],
  conversion_exceeds_pending: ['209', 422],
  insufficient_stock: ['209', 422],
  at_not_configured: ['250', 409],
  secret_key_not_configured: ['250', 409],
  at_rejected: ['276', 422],
  // AT being down is not the client's fault, but bill.pt answers it as a failed communication to retry.
  at_unavailable: ['276', 409],
  // No SMTP server (neither the account's nor the installation's): bill.pt's "not allowed".
  email_not_configured: ['258', 409],
};

/** Not found, by DomainError.meta.resource: a direct lookup, and a reference inside a document (217/218). */
const NOT_FOUND: Record<string, [direct: string, referenced?: string]> = {
  contact: ['225', '217'],
  'final consumer contact': ['225'],
  item: ['230', '218'],
  tax: ['229'],
  series: ['227'],
  unit: ['221'],
  'payment method': ['223'],
  'shipping method': ['224'],
  vehicle: ['228'],
  'contact type': ['220'],
  'item category': ['219'],
  store: ['247'],
  'document state': ['263'],
  user: ['210'],
  'API key': ['208'],
  account: ['259'],
  'signing key': ['259'],
};

/**
 * A unique code taken, as the database reports it (a 23505 by constraint): two records given the same code by hand at
 * once (one without a code takes a free one, `insertWithFreeCode`). bill.pt answers a taken code as when it is sent
 * (contacts 3.codigo, items 231), not the generic 209.
 */
const CODE_TAKEN: Record<string, string> = {
  contacts_account_id_code_key: '3.codigo',
  items_account_id_code_key: '231',
};

/** Simplified-invoice limits by the rule that failed (meta.reason). */
const FS_LIMIT: Record<string, string> = { max: '303', services: '304', taxable_customer: '305', non_retail: '302' };

function fieldCode(d: FieldIssue, map: FieldMap): string {
  const field = billptFieldName(d.field, map);
  switch (d.issue) {
    case 'required':
      return `1.${field}`;
    case 'not_unique':
      return `3.${field}`;
    case 'too_long':
      return d.value ? `101.${field}.${d.value}` : `9.${field}`;
    case 'too_short':
      return d.value ? `100.${field}.${d.value}` : `9.${field}`;
    case 'requires_credentials':
      return '250';
    default:
      return /(^|\.)email$/.test(field) && d.issue === 'invalid' ? `2.${field}` : `9.${field}`;
  }
}

/**
 * A DomainError in bill.pt terms. `docField` names the document id parameter of the request (`id` in a URL,
 * `documento_id` in a body): documents have no not-found code of their own in bill.pt.
 */
export function fromDomainError(err: DomainError, map: FieldMap, docField = 'id'): BillptError {
  const resource = typeof err.meta.resource === 'string' ? err.meta.resource : undefined;
  switch (err.code) {
    case 'validation':
    case 'transport_data_missing':
    case 'contact_tax_id_locked': {
      const codes = err.details.map((d) =>
        err.code === 'transport_data_missing' ? `1.${billptFieldName(d.field, map)}` : fieldCode(d, map),
      );
      return new BillptError(422, codes.length ? [...new Set(codes)] : ['209'], err.message);
    }
    case 'not_found': {
      const entry = resource ? NOT_FOUND[resource] : undefined;
      const referenced = err.details.some((d) => /(^|\.)(contactId|itemId)$/.test(d.field) || /^lines\[/.test(d.field));
      if (entry) return new BillptError(404, [referenced && entry[1] ? entry[1] : entry[0]], err.message);
      // Documents have no not-found code: the parameter that named them is invalid (the id, or a line's parent line).
      if (resource === 'document' || resource === 'document line') {
        const field = err.details[0]?.field;
        return new BillptError(404, [`9.${field ? billptFieldName(field, map) : docField}`], err.message);
      }
      return new BillptError(404, ['209'], err.message);
    }
    case 'conflict': {
      const unique = err.details.filter((d) => d.issue === 'not_unique');
      if (resource === 'series' || /^Series /.test(err.message)) return new BillptError(422, ['226'], err.message);
      if (/^An item with code/.test(err.message)) return new BillptError(422, ['231'], err.message);
      const taken = CODE_TAKEN[String(err.meta.constraint)];
      if (taken) return new BillptError(422, [taken], err.message);
      if (unique.length)
        return new BillptError(
          422,
          unique.map((d) => `3.${billptFieldName(d.field, map)}`),
          err.message,
        );
      return new BillptError(409, ['209'], err.message);
    }
    case 'date_before_last_in_series': {
      const last = String(err.meta.lastDate ?? err.details[0]?.value ?? '');
      return new BillptError(422, [`102.${billptFieldName('date', map)}.${last}`, '242'], err.message);
    }
    case 'simplified_invoice_limit':
      return new BillptError(422, [FS_LIMIT[String(err.meta.reason)] ?? '302'], err.message);
    default: {
      const [code, status] = BY_CODE[err.code] ?? ['209', 422];
      return new BillptError(status, [code], err.message);
    }
  }
}
