import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';

/** A posted urlencoded form (formbody): each field a string, or a list when repeated (checkboxes). */
export type FormBody = Record<string, string | string[] | undefined>;

export function formOf(request: FastifyRequest): FormBody {
  const b = request.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as FormBody) : {};
}

/** The field's value (the first, if repeated), untrimmed; '' when absent. */
export function text(form: FormBody, name: string): string {
  const v = form[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

/** Every value of a repeated field (checkboxes). */
export function list(form: FormBody, name: string): string[] {
  const v = form[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** What a view shows beside a field: the use case's issue code (translated) and its own message. */
export interface FieldError {
  issue: string;
  message: string;
}
export type FieldErrors = Record<string, FieldError>;

/**
 * The field errors of a use case's refusal, keyed by the form's field names (`events[2]` → `events`), or null when
 * the error is not about fields (it is then the shell's to show). `rename` maps a use case's field to the form's.
 */
export function fieldErrorsOf(err: unknown, rename: Record<string, string> = {}): FieldErrors | null {
  if (!(err instanceof DomainError) || err.details.length === 0) return null;
  const out: FieldErrors = {};
  for (const d of err.details) {
    const base = d.field.replace(/^body\./, '').replace(/\[\d+\]$/, '');
    const name = rename[base] ?? base;
    out[name] ??= { issue: d.issue, message: d.message };
  }
  return out;
}

/** A refusal that is not about one field (a conflict, AT or SMTP not configured…), shown above the form. */
export function formProblemOf(err: unknown): { code: string; message: string } | null {
  if (!(err instanceof DomainError) || err.details.length > 0) return null;
  if (err.code === 'not_found' || err.code === 'unauthenticated' || err.code === 'forbidden') return null;
  return { code: err.code, message: err.message };
}

/** The `:id` of the URL, or a 404 page for anything that is not an id. */
export function idParam(request: FastifyRequest, name = 'id'): number {
  const v = (request.params as Record<string, string | undefined>)[name];
  if (!v || !/^[1-9]\d{0,14}$/.test(v)) throw new DomainError('not_found', 'Not found.');
  return Number(v);
}
