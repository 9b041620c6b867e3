import { XMLParser, XMLValidator } from 'fast-xml-parser';
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

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

const localName = (key: string) => key.slice(key.indexOf(':') + 1);

function child(node: unknown, name: string): unknown {
  if (!node || typeof node !== 'object') return undefined;
  const key = Object.keys(node).find((k) => !k.startsWith('@') && localName(k) === name);
  const v = key === undefined ? undefined : (node as Node)[key];
  return Array.isArray(v) ? v[0] : v;
}

function text(node: unknown): string | null {
  if (typeof node === 'string') return node || null;
  if (node && typeof node === 'object' && typeof (node as Node)['#text'] === 'string')
    return ((node as Node)['#text'] as string) || null;
  return null;
}

/**
 * Refuses a document type declaration before any parser sees the text: UBL and CII never carry one, and without
 * it there is no entity to expand (no XXE, no "billion laughs"), whatever each parser's defaults.
 */
export function refuseDoctype(xml: string): void {
  // The declaration can only come before the root element, after the XML declaration, comments and PIs.
  if (/^\uFEFF?\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)\s*)*<!DOCTYPE/i.test(xml))
    throw new EinvoiceInputError(
      'A document type declaration (<!DOCTYPE …>) is not accepted in an e-invoice.',
      'doctype',
    );
}

/** Well-formedness, then which e-invoice it is: syntax by root element and namespace, type code, CustomizationID. */
export function detectEinvoice(xml: string): DetectedEinvoice {
  refuseDoctype(xml);
  const check = XMLValidator.validate(xml);
  if (check !== true)
    throw new EinvoiceInputError(
      `The XML is not well-formed: ${check.err.msg} (line ${check.err.line}, column ${check.err.col}).`,
      'malformed',
      check.err.line,
    );
  const doc = parser.parse(xml) as Node;
  const rootKey = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  const root = rootKey === undefined ? undefined : (doc[rootKey] as Node | string);
  if (rootKey === undefined || root === undefined)
    throw new EinvoiceInputError('The XML has no root element.', 'malformed');
  const prefix = rootKey.includes(':') ? rootKey.slice(0, rootKey.indexOf(':')) : '';
  const ns = typeof root === 'object' ? root[prefix ? `@xmlns:${prefix}` : '@xmlns'] : undefined;
  const name = localName(rootKey);
  if (name === 'Invoice' && ns === UBL_INVOICE_NS)
    return ubl('invoice', text(child(root, 'InvoiceTypeCode')), root as Node);
  if (name === 'CreditNote' && ns === UBL_CREDIT_NOTE_NS)
    return ubl('credit-note', text(child(root, 'CreditNoteTypeCode')), root as Node);
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

function ubl(documentType: 'invoice' | 'credit-note', typeCode: string | null, root: Node): DetectedEinvoice {
  return { syntax: 'ubl', documentType, typeCode, customizationId: text(child(root, 'CustomizationID')) };
}
