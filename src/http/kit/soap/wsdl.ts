import { XMLBuilder, XMLParser } from 'fast-xml-parser';

type Ordered = Record<string, unknown>[];

const options = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  commentPropName: '#comment',
} as const;
const parser = new XMLParser(options);
const builder = new XMLBuilder({
  ...options,
  format: false,
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

// The tree keeps entities as written (processEntities off), so a value put in must be escaped here.
const escapeAttr = (v: string) =>
  v.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * A service's WSDL, with every `<port>`'s `<soap:address>`/`<soap12:address>` location set per request: node-soap
 * and PHP's SoapClient post to the address the WSDL gives, so it must be the host the client reached.
 */
export class Wsdl {
  private readonly tree: Ordered;

  constructor(text: string) {
    this.tree = parser.parse(text) as Ordered;
  }

  /** The WSDL text with each port's address set to `location`. */
  at(location: string): string {
    const rewrite = (nodes: Ordered, inPort: boolean): Ordered =>
      nodes.map((node) => {
        const name = Object.keys(node).find((k) => k !== ':@');
        if (!name || name === '#text' || name === '#comment') return node;
        const children = node[name] as Ordered;
        const attrs = node[':@'] as Record<string, string> | undefined;
        const out: Record<string, unknown> = { [name]: rewrite(children, local(name) === 'port') };
        if (attrs)
          out[':@'] = inPort && local(name) === 'address' ? { ...attrs, '@_location': escapeAttr(location) } : attrs;
        return out;
      });
    return builder.build(rewrite(this.tree, false)) as string;
  }
}
