/**
 * Compares the shape of a response with a seed example: the same keys, recursively, and the same JSON types.
 * - A null in the example says nothing of the type: anything is accepted there.
 * - An empty array in the example accepts any array; otherwise every element of the answer is compared with
 *   the example's first element, and an empty answer where the example has elements is reported.
 * - `nullable` keys (timestamps the core does not keep) may be null where the example has a string.
 */
export interface ShapeOptions {
  nullable?: ReadonlySet<string>;
  /** Objects whose keys are ids (movimentos-pendentes/multiplos): compared by their values. */
  recordKeys?: ReadonlySet<string>;
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export function shapeDiff(actual: unknown, expected: unknown, opts: ShapeOptions = {}, path = '$', key = ''): string[] {
  if (expected === null) return [];
  const te = typeOf(expected);
  const ta = typeOf(actual);
  if (ta === 'null' && te === 'string' && opts.nullable?.has(key)) return [];
  if (ta !== te) return [`${path}: ${ta} where the seed has ${te} (${JSON.stringify(actual)?.slice(0, 60)})`];
  if (te === 'array') {
    const e = expected as unknown[];
    const a = actual as unknown[];
    if (!e.length) return [];
    if (!a.length) return [`${path}: empty array where the seed has elements`];
    return a.flatMap((x, i) => shapeDiff(x, e[0], opts, `${path}[${i}]`, key));
  }
  if (te === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    if (path === '$' && opts.recordKeys?.has('$')) {
      const ev = Object.values(e);
      return Object.values(a).flatMap((x, i) => shapeDiff(x, ev[0], opts, `${path}{${i}}`, key));
    }
    const out: string[] = [];
    const ek = Object.keys(e).map((k) => k.trim());
    for (const k of ek) if (!(k in a)) out.push(`${path}.${k}: missing`);
    for (const k of Object.keys(a)) if (!ek.includes(k)) out.push(`${path}.${k}: not in the seed`);
    for (const k of Object.keys(e))
      if (k.trim() in a) out.push(...shapeDiff(a[k.trim()], e[k], opts, `${path}.${k.trim()}`, k.trim()));
    return out;
  }
  return [];
}
