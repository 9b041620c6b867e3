import fc from 'fast-check';

// Hostile inputs for the fuzz pass, and the small helpers that turn a route and a schema into a request.

/** Path ids that are not a plain number: none may reach a record (ids are digits only). */
export const NON_DIGIT_IDS = [
  '%201',
  '-1',
  '1e3',
  '0x1',
  '1.5',
  '+1',
  '1%00',
  '%E2%80%8B1',
  '%D9%A1',
  '1%20',
  'abc',
  '..%2F1',
];
/** Path ids that are digits but name nothing of this account, or overflow the column. */
export const HUGE_IDS = ['0', '2147483648', '99999999999999999999', '9'.repeat(400)];

export const hostileId = fc.constantFrom(...NON_DIGIT_IDS, ...HUGE_IDS);

/** A NUL byte inside a text: PostgreSQL's text type cannot hold it. */
export const NUL_TEXT = 'a\u0000b';

const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Strings with NUL bytes, lone surrogates, controls, bidi marks, markup, injections, huge lengths. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      NUL_TEXT,
      '\u0000',
      'x\u0000',
      '\uD800',
      'x\uDC00y',
      '\uDBFF',
      '\uDE80\uDFF7\uD80A',
      '\uFEFF',
      '\u202Eabc',
      '\u0007\u001b[0m',
      ' ',
      '',
      '%00',
      '\\u0000',
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\uD800', '\uDFFF'), fc.string({ maxLength: 8 }))
      .map(([a, b, c]) => a + b + c),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "'; DROP TABLE documents; --",
      '<x>&amp;</x>',
      '${7*7}',
      '../../etc/passwd',
      '__proto__',
      '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2026-13-45',
      '2026-02-30',
      '0000-00-00',
      '99999-12-31',
      '2026-1-1',
      '31/02/2026',
      '45/13/2026',
      '1970-01-01T25:61:00Z',
      '2026-01-01T00:00:00+99:00',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '-1',
      '1e3',
      '0x1',
      '1e400',
      '-0.001',
      '9'.repeat(40),
      '0.000000001',
      '1,5',
      ' 1 ',
      'NaN',
      'Infinity',
      '%201',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(70_000, 300_000).map((n) => 'x'.repeat(n)) },
  { weight: 2, arbitrary: fc.string({ unit: fc.oneof(anyUnit, lone), maxLength: 24 }) },
);

/** Numbers at the edges: negative, huge, tiny, unsafe integers, fractional where integers are expected. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0.001, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, 1e-300, 0.1 + 0.2, 1e21),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Values of the wrong JSON type for any field. */
export const wrongType: fc.Arbitrary<unknown> = fc.constantFrom(
  null,
  true,
  false,
  {},
  [],
  [[]],
  [null],
  { $ne: 1 },
  ['a', 'b'],
  { id: 1 },
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 2, arbitrary: wrongType },
);

const json = 'application/json';
const xml = 'application/xml';
const billionLaughs =
  '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxxxx">' +
  '<!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;"><!ENTITY z "&y;&y;&y;&y;&y;&y;&y;&y;&y;&y;">]><a>&z;</a>';
/** Raw bodies that are not what they claim, with the content type they are sent under. */
export const rawBodies: fc.Arbitrary<{ contentType: string; payload: string | Buffer }> = fc.constantFrom(
  { contentType: json, payload: '{"a":' },
  { contentType: json, payload: '{"a":1}}' },
  { contentType: json, payload: `${'['.repeat(3000)}${']'.repeat(3000)}` },
  { contentType: json, payload: '"\\ud800"' },
  { contentType: json, payload: 'null' },
  { contentType: json, payload: '[]' },
  { contentType: json, payload: '1e999' },
  { contentType: json, payload: '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}' },
  { contentType: json, payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x80, 0x22, 0x7d]) },
  { contentType: json, payload: '\u0000' },
  { contentType: json, payload: '' },
  { contentType: 'application/json; charset=utf-16', payload: '{}' },
  { contentType: 'text/plain', payload: '{"a":1}' },
  { contentType: xml, payload: '<a><b>' },
  { contentType: xml, payload: billionLaughs },
  { contentType: xml, payload: '<a>\u0000</a>' },
  { contentType: 'application/x-www-form-urlencoded', payload: 'a=%00&b[c]=1&b[c][d]=2&e[]=1&e[x]=2&%=%' },
  {
    contentType: 'multipart/form-data; boundary=x',
    payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--',
  },
  { contentType: 'application/octet-stream', payload: Buffer.from([0, 1, 2, 255]) },
  { contentType: '', payload: '{}' },
);

/** Raw query values (already percent-encoded): NUL, invalid UTF-8, bad escapes, bad dates and numbers. */
export const rawQueryValues = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF',
  '%',
  '%zz',
  '2026-13-45',
  '2026-02-30',
  '-1',
  '1e3',
  '0x1',
  '99999999999999999999',
  '',
  '%20',
  'true',
  '%5B%5D',
];

/** Percent-encodes a string byte by byte (a lone surrogate becomes U+FFFD's bytes, as a client would send it). */
export function encodeRaw(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type FieldPath = (string | number)[];
type Schema = Record<string, any>;
type Resolve = (s: Schema) => Schema;

const today = new Date().toISOString().slice(0, 10);
const STRING_CANDIDATES = ['1', '1.00', 'A1', 'PT', 'pt', 'FT', '123456789', today, 'x', 'a@example.com'];

function stringSample(schema: Schema, name: string): string {
  if (schema.format === 'date') return today;
  if (schema.format === 'date-time') return new Date().toISOString();
  if (schema.format === 'email' || /email/i.test(name)) return 'a@example.com';
  if (schema.format === 'uri' || /url/i.test(name)) return 'http://127.0.0.1:1/fuzz';
  if (/host/i.test(name)) return '127.0.0.1';
  const re = schema.pattern ? new RegExp(schema.pattern, 'u') : undefined;
  const fits = (s: string) =>
    (!re || re.test(s)) && s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity);
  return STRING_CANDIDATES.find(fits) ?? 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

const typeOf = (schema: Schema): string | undefined =>
  Array.isArray(schema.type)
    ? schema.type.find((t: string) => t !== 'null')
    : (schema.type ?? (schema.properties ? 'object' : undefined));

/** A plausible value for a JSON schema (required properties only), so a mutation reaches past validation. */
export function sampleOf(schema: Schema | undefined, resolve: Resolve, name = '', depth = 0): Json | undefined {
  if (!schema || depth > 6) return undefined;
  schema = resolve(schema);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.examples?.length) return schema.examples[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const chosen = variants.find((v: Schema) => resolve(v).type !== 'null') ?? variants[0];
    return sampleOf(chosen, resolve, name, depth + 1);
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: Schema) => sampleOf(s, resolve, name, depth + 1)));
  switch (typeOf(schema)) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const key of schema.required ?? []) {
        const v = sampleOf(schema.properties?.[key], resolve, key, depth + 1);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    case 'array': {
      const item = sampleOf(schema.items, resolve, name, depth + 1);
      return item === undefined ? [] : Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
    }
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return false;
    case 'string':
      return stringSample(schema, name);
    default:
      return undefined;
  }
}

/**
 * Every property path a schema declares (to depth 4), arrays as index 0: the fields a mutation may target, and
 * apart the text fields (where a NUL byte is the classic 500).
 */
export function fieldPaths(
  schema: Schema | undefined,
  resolve: Resolve,
  prefix: FieldPath = [],
  out = { all: [] as FieldPath[], text: [] as FieldPath[] },
): { all: FieldPath[]; text: FieldPath[] } {
  if (!schema || prefix.length > 4) return out;
  schema = resolve(schema);
  const variants = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  for (const v of variants) fieldPaths(v, resolve, prefix, out);
  for (const [k, v] of Object.entries<Schema>(schema.properties ?? {})) {
    out.all.push([...prefix, k]);
    const r = resolve(v);
    if (typeOf(r) === 'string' && !r.enum && !r.format) out.text.push([...prefix, k]);
    fieldPaths(v, resolve, [...prefix, k], out);
  }
  if (schema.items) fieldPaths(schema.items, resolve, [...prefix, 0], out);
  return out;
}

/** The leaf and container paths of a value, and apart those holding text. */
export function valuePaths(
  v: unknown,
  prefix: FieldPath = [],
  out = { all: [] as FieldPath[], text: [] as FieldPath[] },
): { all: FieldPath[]; text: FieldPath[] } {
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = [...prefix, Array.isArray(v) ? Number(k) : k];
      out.all.push(p);
      if (typeof x === 'string') out.text.push(p);
      valuePaths(x, p, out);
    }
  }
  return out;
}

/** A copy of `base` with `value` at `path` (intermediate objects created as needed). */
export function setAt(base: unknown, path: FieldPath, value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  const container: any = base && typeof base === 'object' ? structuredClone(base) : typeof head === 'number' ? [] : {};
  container[head] = setAt(container[head], rest, value);
  return container;
}

/** The routes of a Fastify instance, from `printRoutes({ commonPrefix: false })`: `[method, url]` pairs. */
export function routesOf(tree: string): [string, string][] {
  const out: [string, string][] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!m) continue;
    stack.length = m[1].length / 4;
    stack.push(m[2]);
    if (m[3]) for (const method of m[3].split(', ')) out.push([method, stack.join('')]);
  }
  return out;
}

/** A tiny XML writer for the InvoiceXpress legacy routes (arrays as `<items type="array"><item>…`). */
export function toXml(v: unknown, name = 'root'): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (Array.isArray(v)) {
    return `<${name} type="array">${v.map((x) => toXml(x, name.replace(/s$/, ''))).join('')}</${name}>`;
  }
  if (v && typeof v === 'object') {
    return `<${name}>${Object.entries(v)
      .map(([k, x]) => toXml(x, k))
      .join('')}</${name}>`;
  }
  return `<${name}>${esc(String(v ?? ''))}</${name}>`;
}
