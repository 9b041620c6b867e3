import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { einvoiceInputError, readEinvoiceTree, type EinvoiceFacts } from '../../domain/einvoice/read-einvoice.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  removeNSPrefix: true,
  // The predefined entities and character references (&amp; in a name, &#10;) are decoded; a DOCTYPE, the only
  // source of declared entities, is refused before parsing.
  processEntities: true,
  htmlEntities: true,
});

/**
 * Reads a received e-invoice's facts (domain/einvoice/read-einvoice.ts). Refuses (validation) what is not one at
 * all: not well-formed XML, a DOCTYPE (no entity is ever expanded), another root element.
 */
export function readReceivedEinvoice(xml: string): EinvoiceFacts {
  if (/^\uFEFF?\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)\s*)*<!DOCTYPE/i.test(xml))
    throw einvoiceInputError('doctype', 'A document type declaration (<!DOCTYPE …>) is not accepted in an e-invoice.');
  const check = XMLValidator.validate(xml);
  if (check !== true)
    throw einvoiceInputError(
      'malformed',
      `The body is not well-formed XML: ${check.err.msg} (line ${check.err.line}).`,
    );
  return readEinvoiceTree(parser.parse(xml) as Record<string, unknown>);
}
