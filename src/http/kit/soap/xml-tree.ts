/** A SOAP message's content as the operations read it: elements by local name, text as strings. */
export type SoapValue = string | null | SoapRecord | SoapValue[];
export interface SoapRecord {
  [name: string]: SoapValue;
}

type Raw = Record<string, unknown>;

const ATTR = '@_';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const prefixOf = (name: string) => (name.includes(':') ? name.slice(0, name.indexOf(':')) : '');

/** The namespace declarations an element adds to those in scope (`xmlns` is the default one, key ''). */
export function scopeOf(node: unknown, parent: Record<string, string>): Record<string, string> {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return parent;
  let scope = parent;
  for (const [k, v] of Object.entries(node as Raw)) {
    if (!k.startsWith(ATTR)) continue;
    const attr = k.slice(ATTR.length);
    if (attr === 'xmlns' || attr.startsWith('xmlns:')) {
      if (scope === parent) scope = { ...parent };
      scope[attr === 'xmlns' ? '' : attr.slice('xmlns:'.length)] = String(v);
    }
  }
  return scope;
}

/** The namespace URI of an element name (`soap:Envelope`, `Envelope`) in a scope. */
export const namespaceOf = (name: string, scope: Record<string, string>) => scope[prefixOf(name)];

function isNil(node: Raw, scope: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(node)) {
    if (!k.startsWith(ATTR) || localName(k.slice(ATTR.length)) !== 'nil') continue;
    const attr = k.slice(ATTR.length);
    if ((!attr.includes(':') || scope[prefixOf(attr)] === XSI_NS) && String(v) === 'true') return true;
  }
  return false;
}

/**
 * One element's content with namespace prefixes dropped: child elements by local name (an element that occurs more
 * than once becomes an array, whatever prefixes its occurrences use), a leaf as its text, `xsi:nil` as null.
 */
export function toLocalTree(node: unknown, parentScope: Record<string, string> = {}): SoapValue {
  if (node === null || node === undefined) return '';
  if (typeof node !== 'object') return String(node);
  if (Array.isArray(node)) return node.map((n) => toLocalTree(n, parentScope));
  const raw = node as Raw;
  const scope = scopeOf(raw, parentScope);
  if (isNil(raw, scope)) return null;
  const children = Object.entries(raw).filter(([k]) => !k.startsWith(ATTR) && k !== '#text');
  if (!children.length) return typeof raw['#text'] === 'string' ? raw['#text'] : String(raw['#text'] ?? '');
  const out: SoapRecord = {};
  for (const [name, value] of children) {
    const key = localName(name);
    const converted = Array.isArray(value) ? value.map((v) => toLocalTree(v, scope)) : toLocalTree(value, scope);
    if (!(key in out)) out[key] = converted;
    else {
      const before = out[key];
      out[key] = [
        ...(Array.isArray(before) ? before : [before]),
        ...(Array.isArray(converted) ? converted : [converted]),
      ];
    }
  }
  return out;
}

/**
 * Makes the elements at `paths` arrays, however many times they occurred (zero, one, or many): the operation
 * says which elements repeat, e.g. `Document.Lines` for one `<Lines>` per line, or `Document.Lines.Item` for one
 * `<Lines>` wrapping many `<Item>`s. A path through an array applies to each of its elements.
 */
export function withArrays(value: SoapValue, paths: readonly string[]): SoapValue {
  let out = value;
  for (const path of paths) out = arrayAt(out, path.split('.'));
  return out;
}

function arrayAt(value: SoapValue, path: string[]): SoapValue {
  if (Array.isArray(value)) return value.map((v) => arrayAt(v, path));
  if (value === null || typeof value !== 'object' || !path.length) return value;
  const [head, ...rest] = path;
  if (!(head! in value)) return rest.length ? value : { ...value, [head!]: [] };
  const child = value[head!]!;
  if (!rest.length) {
    const list = Array.isArray(child) ? child : [child];
    return { ...value, [head!]: list.filter((v) => v !== '') };
  }
  return { ...value, [head!]: arrayAt(child, rest) };
}
