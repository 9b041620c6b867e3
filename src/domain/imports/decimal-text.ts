/**
 * A number as a spreadsheet cell writes it, as a plain decimal text: `1234.5`, `1.234,50` and `12,5` (Portuguese
 * decimal commas and thousands dots), `1,234.50`; a trailing `%` or currency sign and spaces are ignored. Null
 * when the text is no number (or is ambiguous as written).
 */
export function decimalText(raw: string): string | null {
  let s = raw.replace(/[\s\u00a0%€]/g, '');
  if (!s) return null;
  const sign = s.startsWith('-') ? '-' : '';
  s = s.replace(/^[+-]/, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the last one is the decimal separator, the other groups thousands.
    const [thousands, decimal] = lastComma > lastDot ? [/\./g, ','] : [/,/g, '.'];
    s = s.replace(thousands, '');
    if (s.split(decimal).length !== 2) return null;
    s = s.replace(decimal, '.');
  } else if (lastComma >= 0) {
    if (s.split(',').length !== 2) return null;
    s = s.replace(',', '.');
  } else if (s.split('.').length > 2) {
    // 1.234.567: thousands dots only.
    if (!/^\d{1,3}(\.\d{3})+$/.test(s)) return null;
    s = s.replace(/\./g, '');
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  return sign + s;
}

/** A date cell as an ISO date: `2026-12-07`, `07/12/2026` or `07-12-2026` (day first, as in Portugal); else null. */
export function dateText(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(s);
  let ymd: [string, string, string] | null = m ? [m[1], m[2], m[3]] : null;
  if (!ymd) {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (m) ymd = [m[3], m[2].padStart(2, '0'), m[1].padStart(2, '0')];
  }
  if (!ymd) return null;
  const iso = ymd.join('-');
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}
