import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SoapFault } from './fault.js';
import { type SoapVersion, versionOfContentType, versionOfNamespace } from './versions.js';
import { type SoapRecord, type SoapValue, localName, namespaceOf, scopeOf, toLocalTree } from './xml-tree.js';

/** A request envelope, read: its version, its header blocks and the body's first element. */
export interface SoapRequest {
  version: SoapVersion;
  /** The header blocks by local name (empty when there is no `<Header>`). */
  header: SoapRecord;
  /** The local name of the body's first element: the operation. */
  operation: string;
  /** The operation element's namespace URI ('' when it has none). */
  operationNamespace: string;
  /** The operation element's content, by local name. */
  body: SoapValue;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // Numeric character references (`&#231;`, `&#xD;`) are decoded only with this on (it also knows HTML's names).
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * NOTE: SOAP 1.1 §3 and SOAP 1.2 Part 1 §5 forbid a DTD in a message; refusing any `<!DOCTYPE` (and so any entity
 * declaration) before parsing is what keeps XXE and entity-expansion bombs out. NUL is not an XML character.
 */
function refuseUnsafe(xml: string, version: SoapVersion): void {
  if (xml.includes('\u0000')) throw new SoapFault('Sender', 'The message contains a NUL character.', version);
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml))
    throw new SoapFault('Sender', 'A SOAP message must not contain a document type declaration.', version);
}

const only = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const elements = (node: unknown) =>
  node && typeof node === 'object' && !Array.isArray(node)
    ? Object.entries(node as Record<string, unknown>).filter(([k]) => !k.startsWith('@_') && k !== '#text')
    : [];

/** Reads a SOAP 1.1 or 1.2 envelope; a message that is not one is a Sender fault (VersionMismatch for other namespaces). */
export function parseEnvelope(xml: string, contentType?: string): SoapRequest {
  const guess = versionOfContentType(contentType);
  refuseUnsafe(xml, guess);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new SoapFault('Sender', `The message is not well-formed XML: ${valid.err.msg}`, guess);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (err) {
    // The parser's own limits (nesting deeper than it reads) are the sender's message, not the service failing.
    throw new SoapFault('Sender', `The message could not be read: ${(err as Error).message}.`, guess);
  }
  const roots = elements(doc);
  if (roots.length !== 1) throw new SoapFault('Sender', 'The message must have one root element.', guess);
  const [rootName, rootRaw] = roots[0]!;
  const root = only(rootRaw);
  const rootScope = scopeOf(root, {});
  if (localName(rootName) !== 'Envelope')
    throw new SoapFault('Sender', 'The root element is not a SOAP Envelope.', guess);
  const version = versionOfNamespace(namespaceOf(rootName, rootScope));
  if (!version) throw new SoapFault('VersionMismatch', 'The Envelope namespace is not SOAP 1.1 or 1.2.', guess);

  const parts = elements(root);
  const find = (name: string) => parts.find(([k]) => localName(k) === name);
  const headerEntry = find('Header');
  const bodyEntry = find('Body');
  if (!bodyEntry) throw new SoapFault('Sender', 'The Envelope has no Body.', version);
  const header = headerEntry ? toLocalTree(only(headerEntry[1]), rootScope) : {};
  const body = only(bodyEntry[1]);
  const bodyScope = scopeOf(body, rootScope);
  const first = elements(body)[0];
  if (!first) throw new SoapFault('Sender', 'The Body is empty: no operation to call.', version);
  const [opName, opRaw] = first;
  const opNode = only(opRaw);
  return {
    version,
    header: header && typeof header === 'object' && !Array.isArray(header) ? header : {},
    operation: localName(opName),
    operationNamespace: namespaceOf(opName, scopeOf(opNode, bodyScope)) ?? '',
    body: toLocalTree(opNode, bodyScope),
  };
}
