import { DomainError } from '../../domain/errors.js';
import { pageRequest } from '../../app/pagination.js';
import { domainErrorOf } from '../../infra/db/domain-error-of.js';
import { errorCodeKey } from '../shell/errors.js';

/** A urlencoded form as formbody parses it: a field may repeat (checkboxes), anything may be missing. */
export type FormBody = Record<string, string | string[] | undefined>;

export function formOf(body: unknown): FormBody {
  return body && typeof body === 'object' ? (body as FormBody) : {};
}

/** A text field, trimmed; the last value when the field repeats. */
export function text(form: FormBody, name: string): string {
  const v = form[name];
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof s === 'string' ? s.trim() : '';
}

/** A text field, or null when left empty (clears an optional column). */
export function optional(form: FormBody, name: string): string | null {
  return text(form, name) || null;
}

export function checked(form: FormBody, name: string): boolean {
  const v = text(form, name);
  return v === 'on' || v === '1' || v === 'true';
}

/** An optional id chosen in a select: null when none. */
export function idOrNull(form: FormBody, name: string): number | null {
  const s = text(form, name);
  return /^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : null;
}

/** A route's `:id`: a positive integer, else the record is not found (a 404 page, like another account's id). */
export function routeId(params: unknown, resource: string): number {
  const raw = (params as { id?: string } | undefined)?.id ?? '';
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1)
    throw new DomainError('not_found', `No ${resource} ${raw.slice(0, 20)}.`, [], { resource });
  return Number(raw);
}

/** What a list page was asked: its search text and page. */
export function listQuery(query: unknown): { q: string; page: number; perPage: number } {
  const o = (query ?? {}) as Record<string, unknown>;
  const q = typeof o.q === 'string' ? o.q.trim().slice(0, 100) : '';
  return { q, ...pageRequest(o.page, o.perPage, 20) };
}

/** A page of an in-memory list (series and stores are few and their use cases return them all). */
export function pageOf<T>(all: T[], page: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  const p = Math.min(page, totalPages);
  return { items: all.slice((p - 1) * perPage, p * perPage), total: all.length, page: p, perPage, totalPages };
}

/** One field's error: a message key of this area when the issue is a common one, else the use case's text. */
export interface FieldError {
  key: string | null;
  vars: Record<string, string>;
  text: string;
}

/** Field errors of a refused form, and a message for the form as a whole. */
export interface FormErrors {
  fields: Record<string, FieldError>;
  /** About the whole form: a message key of this area, or the use case's text. */
  message: { key: string | null; text: string; detail?: string } | null;
}

export const noErrors = (): FormErrors => ({ fields: {}, message: null });

/** A form-wide error told by one of this area's message keys. */
export const formMessage = (key: string): FormErrors => ({ fields: {}, message: { key, text: key } });

const ISSUE_KEYS: Record<string, string> = {
  required: 'records.issue.required',
  too_long: 'records.issue.tooLong',
  too_short: 'records.issue.tooShort',
  not_unique: 'records.issue.notUnique',
  locked: 'records.issue.locked',
  unknown: 'records.issue.unknown',
  out_of_range: 'records.issue.outOfRange',
  invalid: 'records.issue.invalid',
};
/** Fields whose invalid value deserves its own words. */
const FIELD_INVALID_KEYS: Record<string, string> = {
  taxId: 'records.issue.taxId',
  postalCode: 'records.issue.postalCode',
  email: 'records.issue.email',
  country: 'records.issue.country',
  price: 'records.issue.decimal',
};

function fieldError(field: string, issue: string, message: string, value?: string): FieldError {
  const key = (issue === 'invalid' && FIELD_INVALID_KEYS[field]) || ISSUE_KEYS[issue] || null;
  return { key, vars: { n: value ?? '' }, text: message };
}

/** Errors of the input itself: the form is shown again with them (422). Any other error is the shell's to show. */
const FORM_ERROR_CODES = new Set([
  'validation',
  'conflict',
  'invalid_tax_id',
  'invalid_postal_code',
  'invalid_series_code',
  'contact_tax_id_locked',
  'in_use',
  'not_found',
  'series_inactive',
]);

/**
 * A use case's refusal as form errors, or null when it is not about the input (then rethrown). A `not_found`
 * counts only when it names a field (a store or series picked in a select), not the record being edited.
 */
export function formErrorsOf(raw: unknown, fieldAlias: Record<string, string> = {}): FormErrors | null {
  // A database refusal (a code the record was given clashing under a unique constraint) is the input's too.
  const err = domainErrorOf(raw);
  if (!err || !FORM_ERROR_CODES.has(err.code)) return null;
  if (err.code === 'not_found' && !err.details.length) return null;
  const fields: FormErrors['fields'] = {};
  for (const d of err.details) {
    const field = fieldAlias[d.field] ?? d.field;
    fields[field] ??= fieldError(field, d.issue, d.message, d.value);
  }
  return { fields, message: err.details.length ? null : { key: errorCodeKey(err), text: err.message } };
}

/** The status of a refused form: 409 when the record's state refuses it, else 422. */
export function formStatus(raw: unknown): number {
  const err = domainErrorOf(raw);
  return err && (err.code === 'conflict' || err.code === 'in_use') && !err.details.length ? 409 : 422;
}
