import { LenientReader, type ReaderOptions } from '../../http/kit/reader.js';
import { IxError } from './ix-error.js';

type Tree = Record<string, unknown>;

/** InvoiceXpress's words: "unit_price is not a number", the field as the client named it. */
const IX_READER: ReaderOptions = {
  messages: {
    invalid: (f) => `${f.key} is invalid`,
    notInteger: (f) => `${f.key} is not a number`,
    notDecimal: (f) => `${f.key} is not a number`,
    notBoolean: (f) => `${f.key} is invalid`,
    required: (f) => `${f.key} is required`,
    notList: (f) => `${capitalize(f.key)} element should be of type array`,
    notListItem: (f) => `${f.key} is invalid`,
    refuse: (issues) => new IxError(422, issues),
  },
  sharedIssues: true,
  blankTextIsNull: true,
};

/**
 * Typed reads of an InvoiceXpress request body (the kit's lenient reader). InvoiceXpress clients send numbers as
 * strings or numbers, booleans as true/false or 1/0, and dates as dd/mm/yyyy. Problems are gathered as
 * InvoiceXpress-style messages ("unit_price must be a number") and thrown together by `check()`.
 */
export class IxInput extends LenientReader {
  constructor(data: Tree, options: ReaderOptions = IX_READER, prefix = '', issues?: string[]) {
    super(data, options, prefix, issues);
  }

  /**
   * A list of nested objects: a JSON array, an object keyed by index (forms), or XML's single
   * `{ item: {…} }` / repeated `{ item: [{…}, {…}] }` wrappers.
   */
  list(key: string, element: string): IxInput[] | undefined {
    return this.listOf([key], element);
  }

  /**
   * A date sent as dd/mm/yyyy (also yyyy-mm-dd), as ISO yyyy-mm-dd. As InvoiceXpress documents it,
   * a date in another format becomes `today` (the caller's Lisbon date); undefined when absent.
   */
  date(today: string, ...keys: string[]): string | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return undefined;
    return parseIxDate(String(v)) ?? today;
  }

  /** A date-time `dd/mm/yyyy HH:MM[:SS]` as local ISO `yyyy-mm-ddTHH:MM:SS`; undefined when absent or invalid. */
  dateTime(...keys: string[]): string | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return undefined;
    const m = /^\s*(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(String(v));
    const iso = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(String(v));
    const parts = m
      ? { y: m[3], mo: m[2], d: m[1], h: m[4], mi: m[5], s: m[6] }
      : iso
        ? { y: iso[1], mo: iso[2], d: iso[3], h: iso[4], mi: iso[5], s: iso[6] }
        : undefined;
    if (!parts) {
      this.issues.push(`${k} is invalid`);
      return undefined;
    }
    const date = validDate(parts.y, parts.mo, parts.d);
    if (!date) {
      this.issues.push(`${k} is invalid`);
      return undefined;
    }
    return `${date}T${pad(parts.h ?? '0')}:${pad(parts.mi ?? '0')}:${pad(parts.s ?? '0')}`;
  }

  /** Reports a problem in InvoiceXpress's words. */
  invalid(message: string): void {
    this.issue(message);
  }
}

function pad(s: string): string {
  return s.padStart(2, '0');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function validDate(y: string, m: string, d: string): string | undefined {
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** dd/mm/yyyy (InvoiceXpress) or yyyy-mm-dd → yyyy-mm-dd, or undefined. */
export function parseIxDate(v: string): string | undefined {
  const m = /^\s*(\d{1,2})[/-](\d{1,2})[/-](\d{4})\s*$/.exec(v);
  if (m) return validDate(m[3], m[2], m[1]);
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(v);
  return iso ? validDate(iso[1], iso[2], iso[3]) : undefined;
}

/** yyyy-mm-dd → dd/mm/yyyy. */
export function ixDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
