import { child, localName, rootOf, text, type XmlNode } from '../../../domain/einvoice/xml-tree.js';
import { hasDoctype, readUntrustedXml, untrustedXmlParser } from '../xml-read.js';
import { EinvoiceInputError } from './input-error.js';
import type { EinvoiceSyntax } from './types.js';

export const UBL_INVOICE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
export const UBL_CREDIT_NOTE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';
export const CII_NS = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';

export interface DetectedEinvoice {
  syntax: EinvoiceSyntax;
  documentType: 'invoice' | 'credit-note';
  typeCode: string | null;
  customizationId: string | null;
}

const parser = untrustedXmlParser();

/**
 * Refuses a document type declaration before any parser sees the text: UBL and CII never carry one, and without
 * it there is no entity to expand (no XXE, no "billion laughs"), whatever each parser's defaults.
 */
export function refuseDoctype(xml: string): void {
  if (hasDoctype(xml))
    throw new EinvoiceInputError(
      'A document type declaration (<!DOCTYPE …>) is not accepted in an e-invoice.',
      'doctype',
    );
}

/** Well-formedness, then which e-invoice it is: syntax by root element and namespace, type code, CustomizationID. */
export function detectEinvoice(xml: string): DetectedEinvoice {
  refuseDoctype(xml);
  const read = readUntrustedXml(xml, parser);
  if (!read.ok)
    throw new EinvoiceInputError(
      read.issue === 'malformed'
        ? `The XML is not well-formed: ${read.message} (line ${read.line}, column ${read.col}).`
        : 'A document type declaration (<!DOCTYPE …>) is not accepted in an e-invoice.',
      read.issue,
      read.issue === 'malformed' ? read.line : undefined,
    );
  const top = rootOf(read.doc);
  if (!top) throw new EinvoiceInputError('The XML has no root element.', 'malformed');
  const { key: rootKey, node: root, ns } = top;
  const name = localName(rootKey);
  if (name === 'Invoice' && ns === UBL_INVOICE_NS) return ubl('invoice', text(child(root, 'InvoiceTypeCode')), root);
  if (name === 'CreditNote' && ns === UBL_CREDIT_NOTE_NS)
    return ubl('credit-note', text(child(root, 'CreditNoteTypeCode')), root);
  if (name === 'CrossIndustryInvoice' && ns === CII_NS) {
    const typeCode = text(child(child(root, 'ExchangedDocument'), 'TypeCode'));
    const guideline = child(child(root, 'ExchangedDocumentContext'), 'GuidelineSpecifiedDocumentContextParameter');
    return {
      syntax: 'cii',
      // UNTDID 1001: 381 credit note, 396 factored credit note.
      documentType: typeCode === '381' || typeCode === '396' ? 'credit-note' : 'invoice',
      typeCode,
      customizationId: text(child(guideline, 'ID')),
    };
  }
  throw new EinvoiceInputError(
    `The root element {${String(ns ?? '')}}${name} is neither a UBL 2.1 Invoice or CreditNote nor a CII CrossIndustryInvoice.`,
    'not_einvoice',
  );
}

function ubl(documentType: 'invoice' | 'credit-note', typeCode: string | null, root: XmlNode): DetectedEinvoice {
  return { syntax: 'ubl', documentType, typeCode, customizationId: text(child(root, 'CustomizationID')) };
}
