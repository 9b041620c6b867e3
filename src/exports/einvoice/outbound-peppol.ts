import type { OutboundEinvoice } from '../../app/peppol/ports.js';
import { documentEinvoice } from './document-einvoice.js';
import { validateEinvoice } from './validate/index.js';

/**
 * The e-invoice a Peppol send transmits: the document's Peppol BIS 3.0 UBL (the issued-document model, its PDF
 * embedded), checked on the validation pool against the XSD, EN 16931 and the Peppol rules before it leaves.
 */
export function createOutboundEinvoice(): OutboundEinvoice {
  return {
    async build(tx, accountId, documentId) {
      const file = await documentEinvoice(tx, accountId, documentId, { syntax: 'ubl', profile: 'peppol' });
      const documentType = /^\s*(<\?xml[^>]*\?>\s*)?<([A-Za-z0-9_]+:)?CreditNote[\s>]/.test(file.xml)
        ? ('credit-note' as const)
        : ('invoice' as const);
      return { xml: file.xml, documentType };
    },
    async validate(xml) {
      const r = await validateEinvoice(xml, { profiles: ['peppol'] });
      const fatal = [
        ...r.xsd.errors.map((e) => `XSD${e.line ? ` line ${e.line}` : ''}: ${e.message}`),
        ...r.findings.filter((f) => f.flag === 'fatal').map((f) => `${f.id}: ${f.text}`),
      ];
      return { valid: r.valid, fatal };
    },
  };
}
