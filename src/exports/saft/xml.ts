import { dec } from '../../domain/money/decimal.js';
import { trimDecimal } from '../../domain/money/trim.js';

/**
 * XML production for SAF-T records. These helpers shape values: every element value is a string, an object, an
 * array (repeated element) or undefined (element left out).
 */
export type XmlValue = string | XmlRecord | XmlRecord[] | string[] | undefined;
export interface XmlRecord {
  [element: string]: XmlValue;
}

const MARKUP = /[&<>'"]/;
const MARKUP_ALL = /[&<>'"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;' };

/** Text content with the five predefined entities escaped (the same escaping fast-xml-parser's builder applies). */
export function escapeXml(v: string): string {
  return MARKUP.test(v) ? v.replace(MARKUP_ALL, (c) => ENTITY[c]) : v;
}

// Element names are the schema's fixed names, never data, so they are written as they are.
function item(name: string, v: XmlRecord | string | null): string {
  if (typeof v === 'string') return `<${name}>${escapeXml(v)}</${name}>`;
  if (v === null) return `<${name}/>`;
  if (typeof v !== 'object' || (v as unknown) instanceof Date) return item(name, scalar(v));
  return `<${name}>${content(v)}</${name}>`;
}

// A value outside XmlValue's types (a number or a date read from the database), as the builder wrote it.
function scalar(v: unknown): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

function content(r: XmlRecord): string {
  let out = '';
  for (const name in r) {
    const v = r[name] as XmlValue | null;
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      for (const x of v as (XmlRecord | string | undefined | null)[]) if (x !== undefined) out += item(name, x);
    } else out += item(name, v);
  }
  return out;
}

/**
 * One element and its content, e.g. a whole `<Invoice>` record, without indentation; empty elements as
 * `<E></E>`. Written directly rather than through a general JS-to-XML builder: this runs for every record of a
 * file of a million documents, and the builder's per-node bookkeeping (path matching, name validation, five
 * regular-expression passes per value) was the export's largest CPU cost. xml.test.ts checks it against
 * fast-xml-parser's XMLBuilder, byte for byte.
 */
export function element(name: string, v: XmlRecord | string): string {
  return item(name, v);
}

// Characters XML 1.0 cannot carry at all (escaping does not help): C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * An identifier (product or customer code) made XML-safe without any other change, so that the master record and
 * every reference to it stay equal (and unique as the database keeps them).
 */
export function key(v: string): string {
  return v.replace(NOT_XML, '') || '-';
}

/**
 * Free text for a SAF-T element: XML-safe, whitespace-collapsed, cut to the schema's maximum length.
 * Undefined when nothing is left (the text types of the schema require at least one character).
 */
export function text(v: string | null | undefined, max: number): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = v.replace(NOT_XML, '').replace(/\s+/g, ' ').trim();
  if (!s) return undefined;
  // No more UTF-16 units than the maximum is no more characters either: nothing to cut.
  return s.length <= max ? s : [...s].slice(0, max).join('').trim();
}

/** Like `text`, with a fallback when empty (AT's "Desconhecido" for unknown address parts). */
export function textOr(v: string | null | undefined, max: number, fallback: string): string {
  return text(v, max) ?? fallback;
}

/** A stored decimal without trailing zeros, as SAF-T decimals are written (`23.3938000000` → `23.3938`). */
export function decimal(v: string | number): string {
  if (typeof v === 'string' && PLAIN_DECIMAL.test(v)) return v.includes('.') ? v.replace(TRAILING_ZEROS, '') : v;
  return trimDecimal(String(v));
}

// A stored numeric as PostgreSQL writes it (no sign, no leading zero, no exponent): trimmed without a Decimal.
const PLAIN_DECIMAL = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;
const TRAILING_ZEROS = /\.?0+$/;

/** Whether a stored decimal is greater than zero (PostgreSQL's plain form read as is; any other form as a Decimal). */
export function positive(v: string): boolean {
  return PLAIN_DECIMAL.test(v) ? NON_ZERO_DIGIT.test(v) : dec(v).gt(0);
}
const NON_ZERO_DIGIT = /[1-9]/;

/** A stored timestamp (`YYYY-MM-DD hh:mm:ss`) as SAF-T wants it: `YYYY-MM-DDThh:mm:ss`, no fraction, no zone. */
export function dateTime(v: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?/.exec(v);
  if (!m) throw new Error(`Not a timestamp: ${v}`);
  return `${m[1]}T${m[2]}${m[3] ?? ':00'}`;
}
