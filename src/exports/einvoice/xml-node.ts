/** An element's content for fast-xml-parser's XMLBuilder: child elements by name, attributes as `@name`. */
export type Node = Record<string, unknown>;

/** Drops undefined, null and empty values (PEPPOL-EN16931-R008: no empty elements), keeping key order. */
export function el(entries: Record<string, unknown>): Node {
  const out: Node = {};
  for (const [k, v] of Object.entries(entries)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && !v.length) continue;
    out[k] = v;
  }
  return out;
}
