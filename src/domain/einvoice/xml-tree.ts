/**
 * Reading fast-xml-parser's object form of an e-invoice or envelope (attributes under `@name`, text under `#text`
 * when an element has attributes, values kept as strings). Elements are matched by local name: the sender chooses
 * the prefixes (cbc:, ram:, none…), and a tree parsed with removeNSPrefix has none. Pure: the edge parses
 * (src/exports/einvoice/xml-read.ts).
 */
export type XmlNode = Record<string, unknown>;

export const localName = (key: string): string => key.slice(key.indexOf(':') + 1);
export const prefixOf = (key: string): string => (key.includes(':') ? key.slice(0, key.indexOf(':')) : '');

/** The child elements with this local name, in order (a repeated element is an array in the tree). */
export function children(node: unknown, name: string): unknown[] {
  if (!node || typeof node !== 'object') return [];
  const out: unknown[] = [];
  for (const [k, v] of Object.entries(node as XmlNode)) {
    if (k.startsWith('@') || localName(k) !== name) continue;
    if (Array.isArray(v)) out.push(...(v as unknown[]));
    else out.push(v);
  }
  return out;
}

export const child = (node: unknown, name: string): unknown => children(node, name)[0];

/** Follows a path of local names, first match at each step. */
export const at = (node: unknown, ...path: string[]): unknown => path.reduce((n, p) => child(n, p), node);

/** An element's text; null when empty or absent. */
export function text(node: unknown): string | null {
  if (typeof node === 'string') return node || null;
  if (node && typeof node === 'object' && typeof (node as XmlNode)['#text'] === 'string')
    return ((node as XmlNode)['#text'] as string) || null;
  return null;
}

/** An attribute's value as written (an empty value stays ''); null when absent. */
export function attr(node: unknown, name: string): string | null {
  if (!node || typeof node !== 'object') return null;
  const v = (node as XmlNode)[`@${name}`];
  return typeof v === 'string' ? v : null;
}

/** The root element (skipping the XML declaration and processing instructions), its key and its namespace. */
export function rootOf(doc: XmlNode): { key: string; node: XmlNode; ns: string | null } | null {
  const key = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (key === undefined) return null;
  const value = doc[key];
  const node = value && typeof value === 'object' ? (value as XmlNode) : {};
  const p = prefixOf(key);
  return { key, node, ns: attr(node, p ? `xmlns:${p}` : 'xmlns') };
}
