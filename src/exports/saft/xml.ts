import { XMLBuilder } from 'fast-xml-parser';
import { trimDecimal } from '../../domain/money/trim.js';

/**
 * XML production for SAF-T records. The library escapes text; these helpers only shape values: every element
 * value is a string, an object, an array (repeated element) or undefined (element left out).
 */
export type XmlValue = string | XmlRecord | XmlRecord[] | string[] | undefined;
export interface XmlRecord {
  [element: string]: XmlValue;
}

const builder = new XMLBuilder({
  ignoreAttributes: true,
  format: false,
  suppressEmptyNode: false,
  processEntities: true,
});

/** One element and its content, e.g. a whole `<Invoice>` record. */
export function element(name: string, content: XmlRecord | string): string {
  return builder.build({ [name]: content }) as string;
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
  return [...s].slice(0, max).join('').trim();
}

/** Like `text`, with a fallback when empty (AT's "Desconhecido" for unknown address parts). */
export function textOr(v: string | null | undefined, max: number, fallback: string): string {
  return text(v, max) ?? fallback;
}

/** A stored decimal without trailing zeros, as SAF-T decimals are written (`23.3938000000` → `23.3938`). */
export function decimal(v: string | number): string {
  return trimDecimal(String(v));
}

/** A stored timestamp (`YYYY-MM-DD hh:mm:ss`) as SAF-T wants it: `YYYY-MM-DDThh:mm:ss`, no fraction, no zone. */
export function dateTime(v: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?/.exec(v);
  if (!m) throw new Error(`Not a timestamp: ${v}`);
  return `${m[1]}T${m[2]}${m[3] ?? ':00'}`;
}
