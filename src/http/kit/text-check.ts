/**
 * Text a database cannot keep as sent: PostgreSQL refuses the NUL character in text and JSON, and a lone UTF-16
 * surrogate (`"\ud800"` in JSON) has no UTF-8 form, so it would be stored as U+FFFD. Both are refused at the edge,
 * with the field named, in every API.
 */
export interface BadText {
  /** Keys and indices from the root of the checked value. */
  path: (string | number)[];
  reason: 'nul' | 'surrogate';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(s: string): BadText['reason'] | undefined {
  if (s.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(s)) return 'surrogate';
  return undefined;
}

/** The first string (value or key) of a parsed body, query or path that holds a NUL or a lone surrogate. */
export function findBadText(value: unknown, path: (string | number)[] = [], depth = 0): BadText | undefined {
  if (typeof value === 'string') {
    const reason = textProblem(value);
    return reason ? { path, reason } : undefined;
  }
  if (depth > 64 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadText(value[i], [...path, i], depth + 1);
      if (bad) return bad;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    const reason = textProblem(k);
    if (reason) return { path: [...path, k], reason };
    const bad = findBadText(v, [...path, k], depth + 1);
    if (bad) return bad;
  }
  return undefined;
}

export function badTextMessage(bad: BadText): string {
  return bad.reason === 'nul'
    ? 'must not contain the NUL character (U+0000)'
    : 'must be valid Unicode text (it holds a lone UTF-16 surrogate)';
}

/** `lines[0].description`, as the native API names fields. */
export function dottedPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${p}`)).join('');
}
