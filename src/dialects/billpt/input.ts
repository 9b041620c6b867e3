import { parseDecimal } from '../../domain/money/decimal.js';
import { BillptError } from './billpt-error.js';

type Tree = Record<string, unknown>;

const TRUE = new Set(['1', 'true', 'on', 'yes']);
const FALSE = new Set(['0', 'false', 'off', 'no', '']);

/**
 * Typed reads of a bill.pt request, collecting bill.pt field codes (1 mandatory, 5 boolean, 7 integer, 10 numeric)
 * under the name the client used. Absent, null and "" read as undefined, except where a text may be cleared.
 */
export class Input {
  readonly issues: string[] = [];
  constructor(
    readonly data: Tree,
    private readonly prefix = '',
  ) {}

  private name(key: string): string {
    return this.prefix ? `${this.prefix}.${key}` : key;
  }

  /** The first of the keys (aliases) the request carries. */
  key(...keys: string[]): string | undefined {
    return keys.find((k) => this.data[k] !== undefined);
  }

  raw(...keys: string[]): unknown {
    const k = this.key(...keys);
    return k === undefined ? undefined : this.data[k];
  }

  has(...keys: string[]): boolean {
    const v = this.raw(...keys);
    return v !== undefined && v !== null && v !== '';
  }

  /** A nested object (`contato[...]`), or undefined. */
  sub(...keys: string[]): Input | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === '' || v === null) return new Input({}, this.name(k));
    if (Array.isArray(v) && v.length === 0) return new Input({}, this.name(k));
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.issues.push(`9.${this.name(k)}`);
      return undefined;
    }
    return new Input(v as Tree, this.name(k));
  }

  /** A list of nested objects (`produtos[0][...]`), each with its own prefix. */
  list(...keys: string[]): Input[] | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    const arr = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v as Tree) : undefined;
    if (!arr) {
      this.issues.push(`9.${this.name(k)}`);
      return undefined;
    }
    return arr.map((x, i) => {
      if (!x || typeof x !== 'object' || Array.isArray(x)) {
        this.issues.push(`9.${this.name(k)}.${i}`);
        return new Input({}, `${this.name(k)}.${i}`);
      }
      return new Input(x as Tree, `${this.name(k)}.${i}`);
    });
  }

  /** Text; `null` when the client sent null or "" (to clear a field), undefined when absent. */
  text(...keys: string[]): string | null | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return null;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.issues.push(`9.${this.name(k)}`);
    return undefined;
  }

  int(...keys: string[]): number | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return undefined;
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
    if (!/^-?\d{1,15}$/.test(s)) {
      this.issues.push(`7.${this.name(k)}`);
      return undefined;
    }
    return Number(s);
  }

  /** An id: a positive integer; 0 reads as "none" (bill.pt's `serie_id: 0`). */
  id(...keys: string[]): number | null | undefined {
    const n = this.int(...keys);
    if (n === undefined)
      return this.key(...keys) !== undefined && (this.raw(...keys) === null || this.raw(...keys) === '')
        ? null
        : undefined;
    if (n === 0) return null;
    if (n < 0) {
      this.issues.push(`7.${this.name(this.key(...keys)!)}`);
      return undefined;
    }
    return n;
  }

  bool(...keys: string[]): boolean | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 1 || v === 0) return v === 1;
    const s = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
    if (s !== undefined && TRUE.has(s)) return true;
    if (s !== undefined && FALSE.has(s)) return s === '' ? undefined : false;
    this.issues.push(`5.${this.name(k)}`);
    return undefined;
  }

  /** A decimal, returned as the client wrote it (a string) for the core to parse exactly. */
  decimal(...keys: string[]): string | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return undefined;
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().replace(',', '.') : undefined;
    if (s === undefined || !parseDecimal(s)) {
      this.issues.push(`10.${this.name(k)}`);
      return undefined;
    }
    return s;
  }

  /** Ids as an array (`[1,32]`, `a[]=1&a[]=32`, `"1,32"` or a single value). */
  ids(...keys: string[]): number[] | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return undefined;
    const parts = Array.isArray(v)
      ? v
      : v && typeof v === 'object'
        ? Object.values(v)
        : String(v)
            .replace(/^\[|\]$/g, '')
            .split(',');
    const out: number[] = [];
    for (const p of parts) {
      const s = String(p)
        .trim()
        .replace(/^["']|["']$/g, '');
      if (s === '') continue;
      if (!/^\d{1,15}$/.test(s)) {
        this.issues.push(`7.${this.name(k)}`);
        return undefined;
      }
      out.push(Number(s));
    }
    return out;
  }

  /** Reports the first of the keys the request carries as an invalid value (`9.<name>`). */
  invalid(...keys: string[]): void {
    this.issues.push(`9.${this.name(this.key(...keys) ?? keys[0])}`);
  }

  require(...keys: string[]): void {
    if (!this.has(...keys)) this.issues.push(`1.${this.name(keys[0])}`);
  }

  /** Throws every issue gathered so far (including those of nested inputs passed in). */
  check(...nested: (Input | undefined)[]): void {
    const all = [...this.issues, ...nested.flatMap((n) => n?.issues ?? [])];
    if (all.length) throw new BillptError(422, [...new Set(all)]);
  }
}
