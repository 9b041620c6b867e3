import { parseDecimal } from '../../domain/money/decimal.js';

type Tree = Record<string, unknown>;

const TRUE = new Set(['1', 'true', 'on', 'yes']);
const FALSE = new Set(['0', 'false', 'off', 'no']);

/** A field a problem is about: its key as sent, and its path from the body's root (`produtos.0.preco`). */
export interface FieldName {
  key: string;
  path: string;
}

/** The dialect's words for each problem a reader finds, and the error that refuses them together. */
export interface ReaderMessages {
  /** A value of the wrong kind (an object where text goes, a malformed date, …). */
  invalid(f: FieldName): string;
  notInteger(f: FieldName): string;
  notDecimal(f: FieldName): string;
  notBoolean(f: FieldName): string;
  required(f: FieldName): string;
  /** A list that is neither an array nor an object of items. */
  notList(f: FieldName): string;
  /** An item of a list that is not an object (`index` from 0). */
  notListItem(f: FieldName, index: number): string;
  refuse(issues: string[]): Error;
}

/** Where vendors differ in what they accept. */
export interface ReaderOptions {
  messages: ReaderMessages;
  /** Nested readers add to their parent's issues (else each keeps its own, gathered by `check(...nested)`). */
  sharedIssues?: boolean;
  /** A text of spaces reads as null (a cleared field). */
  blankTextIsNull?: boolean;
  /** `null`, `""` and `[]` in place of an object read as an empty one (else null and "" as absent). */
  blankObjectIsEmpty?: boolean;
  /** Any object's values make a list (else only an object keyed by indices, as forms send). */
  anyObjectIsList?: boolean;
  /** A boolean sent as spaces reads as absent (else it is refused). */
  blankBooleanIsAbsent?: boolean;
}

/**
 * Typed, lenient reads of a vendor's request: numbers as strings or numbers, booleans as true/false, 1/0, on/off,
 * decimals with a comma, aliases of one field. Absent, null and "" read as undefined (text: null, to clear a field).
 * Problems are gathered in the dialect's words and thrown together by `check()`.
 */
export class LenientReader {
  readonly issues: string[];

  constructor(
    readonly data: Tree,
    protected readonly options: ReaderOptions,
    /** The path of this object from the body's root ('' at the root). */
    readonly prefix = '',
    issues?: string[],
  ) {
    this.issues = issues ?? [];
  }

  /** A reader of a nested object, of the same kind as this one. */
  protected child(data: Tree, prefix: string): this {
    const Kind = this.constructor as new (
      data: Tree,
      options: ReaderOptions,
      prefix: string,
      issues?: string[],
    ) => this;
    return new Kind(data, this.options, prefix, this.options.sharedIssues ? this.issues : undefined);
  }

  protected field(key: string): FieldName {
    return { key, path: this.prefix ? `${this.prefix}.${key}` : key };
  }

  protected get messages(): ReaderMessages {
    return this.options.messages;
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

  /** A nested object, or undefined. */
  sub(...keys: string[]): this | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    const blank = v === '' || v === null;
    if (this.options.blankObjectIsEmpty && (blank || (Array.isArray(v) && v.length === 0)))
      return this.child({}, this.field(k).path);
    if (blank) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.issues.push(this.messages.invalid(this.field(k)));
      return undefined;
    }
    return this.child(v as Tree, this.field(k).path);
  }

  /**
   * A list of nested objects: an array, an object of items (forms: keyed by index), or XML's `{ item: {…} }` /
   * `{ item: [{…}, {…}] }` wrapper when `element` names it.
   */
  listOf(keys: string[], element?: string): this[] | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (!this.options.anyObjectIsList && (v === null || v === '')) return undefined;
    let arr: unknown[] | undefined;
    if (Array.isArray(v)) arr = v;
    else if (v && typeof v === 'object') {
      const obj = v as Tree;
      if (element !== undefined && obj[element] !== undefined)
        arr = Array.isArray(obj[element]) ? (obj[element] as unknown[]) : [obj[element]];
      else if (this.options.anyObjectIsList || Object.keys(obj).every((x) => /^\d+$/.test(x))) arr = Object.values(obj);
    }
    const name = this.field(k);
    if (!arr) {
      this.issues.push(this.messages.notList(name));
      return undefined;
    }
    return arr.map((x, i) => {
      const path = `${name.path}.${i}`;
      if (!x || typeof x !== 'object' || Array.isArray(x)) {
        this.issues.push(this.messages.notListItem(name, i));
        return this.child({}, path);
      }
      return this.child(x as Tree, path);
    });
  }

  /** Text; `null` when the client sent null or "" (to clear a field), undefined when absent. */
  text(...keys: string[]): string | null | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return null;
    if (typeof v === 'string') return this.options.blankTextIsNull && v.trim() === '' ? null : v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.issues.push(this.messages.invalid(this.field(k)));
    return undefined;
  }

  int(...keys: string[]): number | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return undefined;
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
    if (!/^-?\d{1,15}$/.test(s)) {
      this.issues.push(this.messages.notInteger(this.field(k)));
      return undefined;
    }
    return Number(s);
  }

  /** An id: a positive integer; 0 (and null, "") reads as "none". */
  id(...keys: string[]): number | null | undefined {
    const n = this.int(...keys);
    if (n === undefined)
      return this.key(...keys) !== undefined && (this.raw(...keys) === null || this.raw(...keys) === '')
        ? null
        : undefined;
    if (n === 0) return null;
    if (n < 0) {
      this.issues.push(this.messages.notInteger(this.field(this.key(...keys)!)));
      return undefined;
    }
    return n;
  }

  bool(...keys: string[]): boolean | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 1 || v === 0) return v === 1;
    const s = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
    if (s !== undefined && TRUE.has(s)) return true;
    if (s !== undefined && FALSE.has(s)) return false;
    if (s === '' && this.options.blankBooleanIsAbsent) return undefined;
    this.issues.push(this.messages.notBoolean(this.field(k)));
    return undefined;
  }

  /** A decimal, returned as the client wrote it (a string, comma as point) for the core to parse exactly. */
  decimal(...keys: string[]): string | undefined {
    const k = this.key(...keys);
    if (k === undefined) return undefined;
    const v = this.data[k];
    if (v === null || v === '') return undefined;
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().replace(',', '.') : undefined;
    if (s === undefined || !parseDecimal(s)) {
      this.issues.push(this.messages.notDecimal(this.field(k)));
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
        this.issues.push(this.messages.notInteger(this.field(k)));
        return undefined;
      }
      out.push(Number(s));
    }
    return out;
  }

  /** Reports the first of the keys the request carries as an invalid value. */
  invalidField(...keys: string[]): void {
    this.issues.push(this.messages.invalid(this.field(this.key(...keys) ?? keys[0])));
  }

  /** Reports a problem in the dialect's own words. */
  issue(message: string): void {
    this.issues.push(message);
  }

  require(...keys: string[]): void {
    if (!this.has(...keys)) this.issues.push(this.messages.required(this.field(keys[0])));
  }

  /** Throws every issue gathered so far (including those of nested readers passed in), once each. */
  check(...nested: (LenientReader | undefined)[]): void {
    const all = [...this.issues, ...nested.flatMap((n) => n?.issues ?? [])];
    if (all.length) throw this.messages.refuse([...new Set(all)]);
  }
}
