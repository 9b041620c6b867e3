import type { CompareOp, ODataExpr, ODataLiteral, TextFunction } from './ast.js';
import { ODataError } from './odata-error.js';

/*
 * A parser for the `$filter` subset vendor APIs accept: comparisons (`eq ne gt ge lt le`), `and`, `or`, `not`,
 * parentheses, property paths (`CounterParty/PartyID`), `contains`/`startswith`/`endswith` and v2's `substringof`,
 * and the literals of OData v2 and v4 alike: 'single' or "double" quoted strings, numbers, true/false/null,
 * `datetime'…'` in any letter case, `datetimeoffset'…'`, `guid'…'`, bare dates and date-times. No kept package reads
 * that mix: `@odata/parser` (v4) refuses `datetime'…'` and double quotes, `odata-parser` (v3) refuses date-only
 * `datetime'2024-01-01'` and bare dates, and `@balena/odata-parser` needs a whole resource path.
 */

type Token =
  | { t: 'word'; v: string; at: number }
  | { t: 'literal'; v: ODataLiteral; at: number }
  | { t: '('; at: number }
  | { t: ')'; at: number }
  | { t: ','; at: number };

const COMPARE = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$/;

const syntax = (msg: string, at: number) => new ODataError('syntax', `Invalid $filter at position ${at + 1}: ${msg}`);

function quoted(src: string, start: number): [string, number] {
  const q = src[start]!;
  let out = '';
  let i = start + 1;
  for (;;) {
    if (i >= src.length) throw syntax('unterminated string', start);
    if (src[i] === q) {
      if (src[i + 1] === q) {
        out += q;
        i += 2;
        continue;
      }
      return [out, i + 1];
    }
    out += src[i];
    i += 1;
  }
}

function typed(prefix: string, text: string, at: number): ODataLiteral {
  const p = prefix.toLowerCase();
  if (p === 'datetime' || p === 'datetimeoffset') {
    if (DATE.test(text)) return { kind: 'date', value: text };
    if (DATETIME.test(text)) return { kind: 'datetime', value: text };
    throw syntax(`not a date: ${prefix}'${text}'`, at);
  }
  if (p === 'guid') return { kind: 'guid', value: text };
  if (p === 'date') {
    if (DATE.test(text)) return { kind: 'date', value: text };
    throw syntax(`not a date: ${prefix}'${text}'`, at);
  }
  throw syntax(`unknown literal type ${prefix}`, at);
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c, at: i });
      i += 1;
    } else if (c === "'" || c === '"') {
      const [v, next] = quoted(src, i);
      out.push({ t: 'literal', v: { kind: 'string', value: v }, at: i });
      i = next;
    } else if (/[-\d]/.test(c)) {
      const m = /^-?\d[\d\-:.TZ+]*[mMdDlLfF]?/.exec(src.slice(i))!;
      const text = m[0];
      if (DATE.test(text)) out.push({ t: 'literal', v: { kind: 'date', value: text }, at: i });
      else if (DATETIME.test(text)) out.push({ t: 'literal', v: { kind: 'datetime', value: text }, at: i });
      else if (/^-?\d+(\.\d+)?[mMdDlLfF]?$/.test(text))
        out.push({ t: 'literal', v: { kind: 'number', value: text.replace(/[mMdDlLfF]$/, '') }, at: i });
      else throw syntax(`not a number or date: ${text}`, i);
      i += text.length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$]*(\/[A-Za-z_$][\w$]*)*/.exec(src.slice(i))!;
      const word = m[0];
      const after = i + word.length;
      if ((src[after] === "'" || src[after] === '"') && !word.includes('/')) {
        const [text, next] = quoted(src, after);
        out.push({ t: 'literal', v: typed(word, text, i), at: i });
        i = next;
        continue;
      }
      const lower = word.toLowerCase();
      if (lower === 'true' || lower === 'false')
        out.push({ t: 'literal', v: { kind: 'boolean', value: lower === 'true' }, at: i });
      else if (lower === 'null') out.push({ t: 'literal', v: { kind: 'null' }, at: i });
      else out.push({ t: 'word', v: word, at: i });
      i = after;
    } else {
      throw syntax(`unexpected character ${JSON.stringify(c)}`, i);
    }
  }
  return out;
}

const FLIP: Record<CompareOp, CompareOp> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };
const TEXT_FUNCTIONS = new Set(['contains', 'startswith', 'endswith', 'substringof']);

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  parse(): ODataExpr {
    if (!this.tokens.length) throw syntax('empty filter', 0);
    const e = this.or();
    const rest = this.tokens[this.i];
    if (rest) throw syntax('unexpected input', rest.at);
    return e;
  }

  private peekWord(...words: string[]): boolean {
    const t = this.tokens[this.i];
    return t?.t === 'word' && words.includes(t.v.toLowerCase());
  }

  private next(): Token {
    const t = this.tokens[this.i];
    if (!t) throw syntax('unexpected end', this.length);
    this.i += 1;
    return t;
  }

  private expect(kind: '(' | ')' | ','): void {
    const t = this.next();
    if (t.t !== kind) throw syntax(`expected ${kind}`, t.at);
  }

  private or(): ODataExpr {
    const parts = [this.and()];
    while (this.peekWord('or')) {
      this.i += 1;
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'or', any: parts.flatMap((p) => (p.kind === 'or' ? p.any : [p])) };
  }

  private and(): ODataExpr {
    const parts = [this.unary()];
    while (this.peekWord('and')) {
      this.i += 1;
      parts.push(this.unary());
    }
    return parts.length === 1
      ? parts[0]!
      : { kind: 'and', all: parts.flatMap((p) => (p.kind === 'and' ? p.all : [p])) };
  }

  private unary(): ODataExpr {
    if (this.peekWord('not')) {
      this.i += 1;
      return { kind: 'not', expr: this.unary() };
    }
    const t = this.tokens[this.i];
    if (t?.t === '(') {
      this.i += 1;
      const e = this.or();
      this.expect(')');
      return e;
    }
    if (t?.t === 'word' && TEXT_FUNCTIONS.has(t.v.toLowerCase()) && this.tokens[this.i + 1]?.t === '(') {
      return this.textFunction();
    }
    return this.comparison();
  }

  private textFunction(): ODataExpr {
    const name = (this.next() as { v: string }).v.toLowerCase();
    this.expect('(');
    const a = this.next();
    this.expect(',');
    const b = this.next();
    this.expect(')');
    // substringof('text', Field) is v2's contains(Field, 'text').
    const [fieldTok, valueTok] = name === 'substringof' ? [b, a] : [a, b];
    if (fieldTok.t !== 'word') throw syntax(`${name} needs a property`, fieldTok.at);
    if (valueTok.t !== 'literal' || valueTok.v.kind !== 'string') throw syntax(`${name} needs a string`, valueTok.at);
    const fn: TextFunction = name === 'substringof' ? 'contains' : (name as TextFunction);
    const e: ODataExpr = { kind: 'text', fn, field: fieldTok.v, value: valueTok.v.value };
    // `substringof('x', F) eq true`, as v2 clients write it.
    if (this.peekWord('eq') && this.tokens[this.i + 1]?.t === 'literal') {
      const v = (this.tokens[this.i + 1] as { v: ODataLiteral }).v;
      if (v.kind === 'boolean') {
        this.i += 2;
        return v.value ? e : { kind: 'not', expr: e };
      }
    }
    return e;
  }

  private comparison(): ODataExpr {
    const left = this.next();
    const opTok = this.next();
    if (opTok.t !== 'word' || !COMPARE.has(opTok.v.toLowerCase()))
      throw syntax('expected a comparison operator', opTok.at);
    const right = this.next();
    const op = opTok.v.toLowerCase() as CompareOp;
    if (left.t === 'word' && right.t === 'literal') return { kind: 'compare', field: left.v, op, value: right.v };
    if (left.t === 'literal' && right.t === 'word')
      return { kind: 'compare', field: right.v, op: FLIP[op], value: left.v };
    throw syntax('a comparison needs a property and a value', left.at);
  }
}

/** Parses a `$filter` value (already URL-decoded). */
export function parseFilter(src: string): ODataExpr {
  return new Parser(tokenize(src), src.length).parse();
}
