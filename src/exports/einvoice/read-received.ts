import { einvoiceInputError, readEinvoiceTree, type EinvoiceFacts } from '../../domain/einvoice/read-einvoice.js';
import { readUntrustedXml, untrustedXmlParser } from './xml-read.js';

// Prefixes are the sender's choice: the facts are read by local name. HTML entities (&nbsp; in a name) are decoded.
const parser = untrustedXmlParser({ removeNSPrefix: true, htmlEntities: true });

/**
 * Reads a received e-invoice's facts (domain/einvoice/read-einvoice.ts). Refuses (validation) what is not one at
 * all: not well-formed XML, a DOCTYPE (no entity is ever expanded), another root element.
 */
export function readReceivedEinvoice(xml: string): EinvoiceFacts {
  const read = readUntrustedXml(xml, parser);
  if (!read.ok && read.issue === 'doctype')
    throw einvoiceInputError('doctype', 'A document type declaration (<!DOCTYPE …>) is not accepted in an e-invoice.');
  if (!read.ok)
    throw einvoiceInputError('malformed', `The body is not well-formed XML: ${read.message} (line ${read.line}).`);
  return readEinvoiceTree(read.doc);
}
