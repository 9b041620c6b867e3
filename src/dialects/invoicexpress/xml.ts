import { XmlCodec } from '../../http/kit/xml.js';
import { IxError } from './ix-error.js';

type Tree = Record<string, unknown>;

/** InvoiceXpress v1's XML: Rails lists (`<invoices type="array"><invoice>…`) with these singular names. */
const codec = new XmlCodec({
  singular: {
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
  },
  malformed: () => new IxError(422, ['The XML body is not well formed']),
});

/** Parses an XML request body into the same tree a JSON body gives: `{ simplified_invoice: { … } }`. */
export function parseXmlBody(text: string): Tree {
  return codec.parse(text);
}

/**
 * A v1 list: `<invoices type="array"><invoice>…</invoice>…` followed by its pagination, both as the root's own
 * `current_page`, `total_pages`, `total_entries`, `per_page` elements (how `/invoices.xml` answered, read by the
 * invoicexpress gem's `Invoices`) and as a `<results>` element (`current_page`, `entries`, `total_entries`: how the
 * per-type and client lists answered, read by the gem's `CreditNotes`, `ClientInvoices`). The elements come after the
 * items, so that parsers taking an `type="array"` root's first kind of child still find the items.
 */
export function toXmlList(root: string, items: unknown[], pagination: Record<string, unknown>): string {
  const list = codec.node(items, root) as Tree;
  const page = Object.fromEntries(Object.entries(pagination).map(([k, v]) => [k, String(v)]));
  const results = {
    current_page: page.current_page,
    entries: String(items.length),
    total_entries: page.total_entries,
    total_pages: page.total_pages,
    per_page: page.per_page,
  };
  return codec.document({ [root]: { ...list, ...page, results } });
}

/** `<root>…</root>` in InvoiceXpress v1's XML: arrays as `type="array"` lists of singular elements. */
export function toXml(root: string, value: unknown): string {
  return codec.write(root, value);
}
