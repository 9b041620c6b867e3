import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser';
import type { XmlNode } from '../../domain/einvoice/xml-tree.js';

/**
 * Parsing XML that came from outside (e-invoices, Peppol envelopes, SMP answers): one set-up for every reader.
 * Values stay strings (no number guessing), attributes are read under `@name`, text is trimmed. The predefined
 * entities and character references are decoded; a DOCTYPE, the only source of declared entities, is refused
 * before any parser sees the text (no XXE, no "billion laughs").
 */
const UNTRUSTED: Partial<X2jOptions> = {
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
};

/** A parser for untrusted XML; `extra` adds the reader's own choices (removeNSPrefix, htmlEntities, isArray). */
export function untrustedXmlParser(extra: Partial<X2jOptions> = {}): XMLParser {
  return new XMLParser({ ...UNTRUSTED, ...extra });
}

/**
 * Whether the text holds a document type declaration anywhere, comments and CDATA included. Not only the prolog:
 * fast-xml-parser's validator accepts a DOCTYPE inside the root element and its parser then expands the entities
 * it declares; and skipping comments is not safe either (an attribute value may hold `<!--`).
 */
export function hasDoctype(xml: string): boolean {
  return /<!DOCTYPE/i.test(xml);
}

export type XmlRead =
  | { ok: true; doc: XmlNode }
  | { ok: false; issue: 'doctype' }
  | { ok: false; issue: 'malformed'; message: string; line: number; col: number };

/** Refuses a DOCTYPE, then XML that is not well-formed, then parses. */
export function readUntrustedXml(xml: string, parser: XMLParser): XmlRead {
  if (hasDoctype(xml)) return { ok: false, issue: 'doctype' };
  const check = XMLValidator.validate(xml);
  if (check !== true)
    return { ok: false, issue: 'malformed', message: check.err.msg, line: check.err.line, col: check.err.col };
  return { ok: true, doc: parser.parse(xml) as XmlNode };
}
