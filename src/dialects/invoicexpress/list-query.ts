type Query = Record<string, unknown>;

/** The values of a list parameter: arrays and nested objects flattened, `a,b` split, blanks dropped. */
export const listValues = (v: unknown): string[] => {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.flatMap(listValues);
  if (typeof v === 'object') return Object.values(v as Query).flatMap(listValues);
  const s = String(v).trim();
  return s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
};

/**
 * List filters as InvoiceXpress clients send them: `type[]=Invoice&type[]=CreditNote`, `date[from]=01/01/2024`.
 * Fastify's query parser keeps the brackets in the key (`'type[]'`, `'date[from]'`); a qs-style parser nests them.
 * Both are read.
 */
export function listQuery(q: Query) {
  return {
    /** `key[]=a&key[]=b`, `key=a,b`, or a nested array. */
    list(key: string): string[] {
      return [...listValues(q[`${key}[]`]), ...listValues(q[key])];
    },
    /** `key[sub]=v` or nested `{ key: { sub: v } }`. */
    sub(key: string, sub: string): string | undefined {
      const flat = q[`${key}[${sub}]`];
      const nested = q[key] && typeof q[key] === 'object' ? (q[key] as Query)[sub] : undefined;
      const v = flat ?? nested;
      const s = Array.isArray(v) ? v[0] : v;
      return s === undefined || s === null || String(s).trim() === '' ? undefined : String(s);
    },
    one(key: string): string | undefined {
      const v = q[key];
      const s = Array.isArray(v) ? v[0] : v;
      return s === undefined || s === null || String(s).trim() === '' ? undefined : String(s).trim();
    },
  };
}
