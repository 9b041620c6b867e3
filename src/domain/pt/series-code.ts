import type { FieldIssue } from '../errors.js';

/**
 * Series identifiers. NOTE: SeriesWS manual "Aspetos Específicos" §1.3.2 as summarised in portugal.md §3.2
 * [SECONDARY]: at most 35 characters of `[A-Za-z0-9._-]`, no separator (`.`, `_`, `-`) at either end or twice in a
 * row, and codes starting with `AT` are reserved to AT's own applications. The document number is
 * `<type> <series>/<n>`, so a space or `/` would also make it ambiguous. Semantics of bill.pt error 306.
 */
export const SERIES_CODE_MAX = 35;

export function validateSeriesCode(code: string, field = 'series'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (issue: string, message: string, value?: string): void => {
    issues.push(value === undefined ? { field, issue, message } : { field, issue, message, value });
  };
  if (code === '') {
    add('required', 'The series code is required.');
    return issues;
  }
  if (code.length > SERIES_CODE_MAX)
    add('too_long', `The series code has at most ${SERIES_CODE_MAX} characters.`, String(SERIES_CODE_MAX));
  if (!/^[A-Za-z0-9._-]*$/.test(code)) {
    add('invalid', 'The series code may only contain letters, digits, ".", "_" and "-" (no spaces or "/").');
  }
  if (/^[._-]|[._-]$/.test(code)) add('invalid', 'The series code cannot start or end with ".", "_" or "-".');
  if (/[._-]{2}/.test(code)) add('invalid', 'The series code cannot have two separators in a row.');
  if (/^at/i.test(code)) add('reserved', 'Series codes starting with "AT" are reserved to the Tax Authority.');
  return issues;
}

export function isValidSeriesCode(code: string): boolean {
  return validateSeriesCode(code).length === 0;
}
