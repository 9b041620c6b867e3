/**
 * The placeholders an expected answer may hold where a value differs run to run, written `{{name}}` (`{{name?}}`
 * also allows null): `{{id as invoiceId}}` checks an id and remembers it, `{{=invoiceId}}` must equal what was
 * remembered. A string may mix text and placeholders: `"FT {{year}}/{{integer}}"`, `"/invoices/{{=invoiceId}}.json"`.
 */
const TEXT: Record<string, string> = {
  any: '[\\s\\S]*',
  string: '[\\s\\S]*',
  number: '-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?',
  decimal: '-?\\d+(?:\\.\\d+)?',
  integer: '-?\\d+',
  id: '[1-9]\\d*',
  boolean: 'true|false',
  year: '\\d{4}',
  date: '\\d{4}-\\d{2}-\\d{2}|\\d{2}/\\d{2}/\\d{4}',
  datetime: '\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?',
  time: '\\d{2}:\\d{2}(?::\\d{2})?',
  hash: '[A-Za-z0-9+/=_.-]{16,}',
  uuid: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
  url: 'https?://\\S+',
};

/** Checks of a whole JSON value (a number is not a string, a string id is still an id). */
const VALUE: Record<string, (v: unknown) => boolean> = {
  any: () => true,
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  id: (v) => (typeof v === 'number' && Number.isInteger(v) && v > 0) || (typeof v === 'string' && /^[1-9]\d*$/.test(v)),
  decimal: (v) => typeof v === 'number' || (typeof v === 'string' && new RegExp(`^(?:${TEXT.decimal})$`).test(v)),
};

export const PLACEHOLDER = /\{\{\s*(=?[\w.-]+\??)(?:\s+as\s+(\w+))?\s*\}\}/g;

export interface Placeholder {
  /** `id`, `date`, … or `=name` for a remembered value. */
  name: string;
  nullable: boolean;
  /** `as <capture>`: remember the value under this name. */
  capture?: string;
}

export function parsePlaceholder(m: RegExpExecArray): Placeholder {
  const raw = m[1]!;
  const nullable = raw.endsWith('?');
  return { name: nullable ? raw.slice(0, -1) : raw, nullable, ...(m[2] ? { capture: m[2] } : {}) };
}

export const isKnown = (name: string) => name.startsWith('=') || name in TEXT;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regular expression source a placeholder stands for inside a string. */
export function textPattern(p: Placeholder, vars: Readonly<Record<string, unknown>>): string {
  if (p.name.startsWith('=')) return escape(String(vars[p.name.slice(1)]));
  return TEXT[p.name]!;
}

/** Whether a whole value fits a placeholder. */
export function fitsValue(p: Placeholder, value: unknown, vars: Readonly<Record<string, unknown>>): boolean {
  if (value === null) return p.nullable;
  if (p.name.startsWith('=')) {
    const want = vars[p.name.slice(1)];
    return value === want || (typeof value !== 'object' && String(value) === String(want));
  }
  const check = VALUE[p.name];
  if (check) return check(value);
  return typeof value === 'string' && new RegExp(`^(?:${TEXT[p.name]})$`).test(value);
}
