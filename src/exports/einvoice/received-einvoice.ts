import type { PurchaseDeps } from '../../app/purchases/ports.js';
import { invoiceResponseXml } from './invoice-response.js';
import { readReceivedEinvoice } from './read-received.js';
import { EinvoiceInputError, validateEinvoice } from './validate/index.js';

const MESSAGES = 10;

/**
 * What reception needs of the e-invoice edge: the facts read from a received UBL/CII, its validation on the pool
 * (XSD, EN 16931, and Peppol BIS or CIUS-PT when its CustomizationID names them), and the Invoice Response writer.
 */
export function createReceivedEinvoiceTools(): Omit<PurchaseDeps, 'peppol'> {
  return {
    read: readReceivedEinvoice,
    async validate(xml) {
      try {
        const r = await validateEinvoice(xml);
        const messages = [
          ...r.xsd.errors.map((e) => `XSD${e.line ? ` line ${e.line}` : ''}: ${e.message}`),
          ...r.findings.filter((f) => f.flag === 'fatal').map((f) => `${f.id}: ${f.text}`),
        ];
        return { valid: r.valid, fatal: messages.length, messages: messages.slice(0, MESSAGES) };
      } catch (err) {
        // Readable, but not an e-invoice the validator takes (e.g. the right root in the wrong namespace): kept,
        // with the reason as its one fatal finding.
        if (!(err instanceof EinvoiceInputError)) throw err;
        return { valid: false, fatal: 1, messages: [err.message] };
      }
    },
    invoiceResponse: invoiceResponseXml,
  };
}
