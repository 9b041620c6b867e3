import { XMLBuilder, XMLParser } from 'fast-xml-parser';

type Tree = Record<string, unknown>;

export interface XmlCodecOptions {
  /** The element of each item of a list named `name` (`invoices` → `invoice`); default: `name` without its final s. */
  singular?: Record<string, string>;
  /** The dialect's error for a body that is not well-formed XML. */
  malformed: () => Error;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
});

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: false,
  suppressEmptyNode: false,
  processEntities: true,
});

/** Rails-style XML (`<items type="array"><item>…</item></items>`, `nil="true"`) to the tree a JSON body gives. */
function normalise(node: unknown): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map(normalise);
  const obj = node as Tree;
  const type = obj['@type'];
  if (obj['@nil'] === 'true') return null;
  const children = Object.entries(obj).filter(([k]) => !k.startsWith('@') && k !== '#text');
  if (type === 'array') {
    const out: unknown[] = [];
    for (const [, v] of children) for (const x of Array.isArray(v) ? v : [v]) out.push(normalise(x));
    return out;
  }
  if (!children.length) return typeof obj['#text'] === 'string' ? obj['#text'] : '';
  return Object.fromEntries(children.map(([k, v]) => [k, normalise(v)]));
}

/**
 * The kit's XML codec on fast-xml-parser, in the Rails convention vendor APIs of that age use: lists as
 * `type="array"` elements of singular children, nulls as `nil="true"`, every value a string.
 */
export class XmlCodec {
  constructor(private readonly opts: XmlCodecOptions) {}

  /** Parses a request body into the same tree a JSON body gives: `{ simplified_invoice: { … } }`. */
  parse(text: string): Tree {
    if (!text.trim()) return {};
    let doc: unknown;
    try {
      doc = parser.parse(text, true);
    } catch {
      throw this.opts.malformed();
    }
    const out = normalise(doc);
    if (!out || typeof out !== 'object' || Array.isArray(out)) throw this.opts.malformed();
    return out as Tree;
  }

  singular(name: string): string {
    return this.opts.singular?.[name] ?? (name.endsWith('s') ? name.slice(0, -1) : name);
  }

  node(value: unknown, name: string): unknown {
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) {
      const children = value.map((v) => this.node(v, this.singular(name)));
      // Lists of records carry type="array"; lists of plain values (`<errors><error>…`) do not.
      return value.some((v) => v !== null && typeof v === 'object') || !value.length
        ? { '@type': 'array', [this.singular(name)]: children }
        : { [this.singular(name)]: children };
    }
    if (typeof value === 'object')
      return Object.fromEntries(Object.entries(value as Tree).map(([k, v]) => [k, this.node(v, k)]));
    return String(value);
  }

  /** `<?xml …?>` and the tree built as given (`{ root: { … } }`, already in the codec's node form). */
  document(tree: Tree): string {
    return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(tree)}`;
  }

  /** `<root>…</root>`: arrays as `type="array"` lists of singular elements. */
  write(root: string, value: unknown): string {
    return this.document({ [root]: this.node(value, root) });
  }
}
