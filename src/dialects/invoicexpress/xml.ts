import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { IxError } from './ix-error.js';

type Tree = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
});

/** InvoiceXpress v1 marks lists as `<items type="array"><item>…</item></items>` and nulls as `nil="true"`. */
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

/** Parses an XML request body into the same tree a JSON body gives: `{ simplified_invoice: { … } }`. */
export function parseXmlBody(text: string): Tree {
  if (!text.trim()) return {};
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch {
    throw new IxError(422, ['The XML body is not well formed']);
  }
  const out = normalise(doc);
  if (!out || typeof out !== 'object' || Array.isArray(out))
    throw new IxError(422, ['The XML body is not well formed']);
  return out as Tree;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: false,
  suppressEmptyNode: false,
  processEntities: true,
});

const SINGULAR: Record<string, string> = {
  items: 'item',
  invoices: 'invoice',
  errors: 'error',
  taxes: 'tax',
  clients: 'client',
  sequences: 'sequence',
  estimates: 'estimate',
  guides: 'guide',
  documents: 'document',
  receipts: 'receipt',
  related_documents: 'document',
};

function singular(name: string): string {
  return SINGULAR[name] ?? (name.endsWith('s') ? name.slice(0, -1) : name);
}

function toXmlNode(value: unknown, name: string): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const children = value.map((v) => toXmlNode(v, singular(name)));
    // Lists of records carry type="array" (as v1 answers); `<errors><error>…` does not.
    return value.some((v) => v !== null && typeof v === 'object') || !value.length
      ? { '@type': 'array', [singular(name)]: children }
      : { [singular(name)]: children };
  }
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Tree).map(([k, v]) => [k, toXmlNode(v, k)]));
  return String(value);
}

/**
 * A v1 list: `<invoices type="array"><invoice>…</invoice>…` followed by its pagination, both as the root's own
 * `current_page`, `total_pages`, `total_entries`, `per_page` elements (how `/invoices.xml` answered, read by the
 * invoicexpress gem's `Invoices`) and as a `<results>` element (`current_page`, `entries`, `total_entries`: how the
 * per-type and client lists answered, read by the gem's `CreditNotes`, `ClientInvoices`). The elements come after the
 * items, so that parsers taking an `type="array"` root's first kind of child still find the items.
 */
export function toXmlList(root: string, items: unknown[], pagination: Record<string, unknown>): string {
  const list = toXmlNode(items, root) as Tree;
  const page = Object.fromEntries(Object.entries(pagination).map(([k, v]) => [k, String(v)]));
  const results = {
    current_page: page.current_page,
    entries: String(items.length),
    total_entries: page.total_entries,
    total_pages: page.total_pages,
    per_page: page.per_page,
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: { ...list, ...page, results } })}`;
}

/** `<root>…</root>` in InvoiceXpress v1's XML: arrays as `type="array"` lists of singular elements. */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: toXmlNode(value, root) })}`;
}
