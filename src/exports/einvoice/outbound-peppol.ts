import type { OutboundEinvoice } from '../../app/peppol/ports.js';
import { loadIssuedDocument } from '../../app/documents/load-issued-documents.js';
import { einvoiceFromIssued } from '../../domain/einvoice/from-issued.js';
import { renderDocumentCopy } from '../../render/pdf/document-pdf.js';
import { profileMapping } from './profiles.js';
import { toUbl } from './ubl.js';
import { validateEinvoice } from './validate/index.js';

/**
 * The e-invoice a Peppol send transmits: the document's Peppol BIS 3.0 UBL from the issued-document model, its PDF
 * embedded, checked on the validation pool (XSD, EN 16931, Peppol rules) before it leaves. The buyer's EndpointID is
 * the participant id the receiver was found under. NOTE: the envelope's receiver must be the document's buyer
 * EndpointID (Peppol Envelope spec v2, BIS 3.0 PEPPOL-EN16931-R020), so a receiver only on 9925 gets 9925 there.
 */
export function createOutboundEinvoice(): OutboundEinvoice {
  return {
    async build(tx, accountId, documentId, receiver) {
      const doc = await loadIssuedDocument(tx, accountId, documentId);
      const inv = einvoiceFromIssued(doc, {
        ...profileMapping('peppol'),
        iban: doc.account.iban,
        bic: doc.account.bic,
      });
      if (receiver) inv.buyer = { ...inv.buyer, endpoint: { id: receiver.value, scheme: receiver.scheme } };
      const pdf = await renderDocumentCopy(tx, accountId, documentId, 'original');
      const xml = toUbl(inv, {
        profile: 'peppol',
        attachment: { bytes: pdf.bytes, fileName: pdf.fileName, description: 'PDF' },
      });
      const creditNote = /^\s*(<\?xml[^>]*\?>\s*)?<([A-Za-z0-9_]+:)?CreditNote[\s>]/.test(xml);
      return { xml, documentType: creditNote ? 'credit-note' : 'invoice' };
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
