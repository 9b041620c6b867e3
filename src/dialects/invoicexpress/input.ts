import { parseDecimal } from '../../domain/money/decimal.js';
import { IxError } from './ix-error.js';

type Tree = Record<string, unknown>;

const TRUE = new Set(['1', 'true', 'on', 'yes']);
const FALSE = new Set(['0', 'false', 'off', 'no']);

/**
 * Typed reads of an InvoiceXpress request body. InvoiceXpress clients send numbers as strings or numbers, booleans as
 * true/false or 1/0, and dates as dd/mm/yyyy. Problems are gathered as InvoiceXpress-style messages
 * ("unit_price must be a number") and thrown together by `check()`.
 */
export class IxInput {
  readonly issues: string[];
  constructor(
    readonly data: Tree,
    readonly label = '',
    issues?: string[],
  ) {
    this.issues = issues ?? [];
  }

  private key(keys: string[]): string | undefined {
    return keys.find((k) => this.data[k] !== undefined);
  }

  raw(...keys: string[]): unknown {
    const k = this.key(keys);
    return k === undefined ? undefined : this.data[k];
  }

  has(...keys: string[]): boolean {
    const v = this.raw(...keys);
    return v !== undefined && v !== null && v !== '';
  }

  /** A nested object; shares this input's issue list. */
  sub(...keys: string[]): IxInput | undefined {
    const k = this.key(keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.issues.push(`${k} is invalid`);
      return undefined;
    }
    return new IxInput(v as Tree, k, this.issues);
  }

  /**
   * A list of nested objects: a JSON array, an object keyed by index (forms), or XML's single
   * `{ item: {…} }` / repeated `{ item: [{…}, {…}] }` wrappers.
   */
  list(key: string, element: string): IxInput[] | undefined {
    const v = this.data[key];
    if (v === undefined || v === null || v === '') return undefined;
    let arr: unknown[] | undefined;
    if (Array.isArray(v)) arr = v;
    else if (typeof v === 'object') {
      const obj = v as Tree;
      if (obj[element] !== undefined) arr = Array.isArray(obj[element]) ? (obj[element] as unknown[]) : [obj[element]];
      else if (Object.keys(obj).every((k) => /^\d+$/.test(k))) arr = Object.values(obj);
    }
    if (!arr) {
      this.issues.push(`${capitalize(key)} element should be of type array`);
      return undefined;
    }
    return arr.map((x) => {
      if (!x || typeof x !== 'object' || Array.isArray(x)) {
        this.issues.push(`${key} is invalid`);
        return new IxInput({}, key, this.issues);
      }
      return new IxInput(x as Tree, element, this.issues);
    });
  }

  /** Text; null when sent as null or "", undefined when absent. */
  text(...keys: string[]): string | null | undefined {
    const k = this.key(keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return null;
    if (typeof v === 'string') return v.trim() === '' ? null : v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.issues.push(`${k} is invalid`);
    return undefined;
  }

  /** A decimal as the exact string the core parses (never a float). */
  decimal(...keys: string[]): string | undefined {
    const k = this.key(keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return undefined;
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().replace(',', '.') : undefined;
    if (s === undefined || !parseDecimal(s)) {
      this.issues.push(`${k} is not a number`);
      return undefined;
    }
    return s;
  }

  int(...keys: string[]): number | undefined {
    const k = this.key(keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return undefined;
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
    if (!/^-?\d{1,15}$/.test(s)) {
      this.issues.push(`${k} is not a number`);
      return undefined;
    }
    return Number(s);
  }

  bool(...keys: string[]): boolean | undefined {
    const k = this.key(keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 1 || v === 0) return v === 1;
    const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
    this.issues.push(`${k} is invalid`);
    return undefined;
  }

  /**
   * A date sent as dd/mm/yyyy (also yyyy-mm-dd), as ISO yyyy-mm-dd. As InvoiceXpress documents it,
   * a date in another format becomes `today` (the caller's Lisbon date); undefined when absent.
   */
  date(today: string, ...keys: string[]): string | undefined {
    const k = this.key(keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return undefined;
    return parseIxDate(String(v)) ?? today;
  }

  /** A date-time `dd/mm/yyyy HH:MM[:SS]` as local ISO `yyyy-mm-ddTHH:MM:SS`; undefined when absent or invalid. */
  dateTime(...keys: string[]): string | undefined {
    const k = this.key(keys);
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
    this.issues.push(message);
  }

  /** Throws every message gathered so far as a 422. */
  check(): void {
    if (this.issues.length) throw new IxError(422, [...new Set(this.issues)]);
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
