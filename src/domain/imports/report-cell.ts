/**
 * A report cell made safe for spreadsheet programs: text starting with `=`, `+`, `-`, `@` (or a tab or carriage
 * return) would be read as a formula (CSV injection, OWASP), so it gets a leading apostrophe.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV record (RFC 4180): fields quoted when they hold the separator, a quote or a line break. */
export function csvRecord(fields: string[], separator = ','): string {
  return (
    fields.map((f) => (f.includes(separator) || /["\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(separator) +
    '\r\n'
  );
}
