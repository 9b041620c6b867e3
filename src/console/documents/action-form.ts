import { DomainError, type FieldIssue } from '../../domain/errors.js';

/** A urlencoded form as formbody parses it: a field may repeat, anything may be missing. */
export type FormBody = Record<string, string | string[] | undefined>;

export function formOf(body: unknown): FormBody {
  return body && typeof body === 'object' ? (body as FormBody) : {};
}

/** A text field, trimmed (the last value when it repeats), at most `max` characters kept. */
export function field(form: FormBody, name: string, max = 2000): string {
  const v = form[name];
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof s === 'string' ? s.trim().slice(0, max) : '';
}

/**
 * Where a use case's field issue goes on the console's form: `fields` maps the use case's paths (a prefix:
 * `documents[0].amount`, `lines[2].quantity`) to the form's field names; the rest is the form's message.
 */
export function issuesOnForm(
  err: DomainError,
  fields: [RegExp, string | ((m: RegExpExecArray) => string)][],
): { errors: Record<string, string>; message?: string } {
  const errors: Record<string, string> = {};
  const rest: FieldIssue[] = [];
  for (const issue of err.details) {
    const hit = fields.map(([re, to]) => [re.exec(issue.field), to] as const).find(([m]) => m);
    if (hit && hit[0]) {
      const name = typeof hit[1] === 'string' ? hit[1] : hit[1](hit[0]);
      errors[name] ??= issue.message;
    } else rest.push(issue);
  }
  const message =
    Object.keys(errors).length && !rest.length ? undefined : [err.message, ...rest.map((r) => r.message)].join(' ');
  return { errors, message };
}
