import type { EinvoiceFacts } from '../../domain/einvoice/read-einvoice.js';
import type { PurchaseDeps, PurchaseValidation } from './ports.js';

/** A received e-invoice read and judged, ready to be stored (record-purchase-document.ts). */
export interface ReceivedEinvoice {
  xml: string;
  facts: EinvoiceFacts;
  validation: PurchaseValidation;
}

/**
 * Reads and validates a received e-invoice, outside any transaction (validation runs on the worker pool). An
 * invalid e-invoice is still the supplier's document: it is kept with its findings. Only what is not an e-invoice at
 * all (not XML, a DOCTYPE, another root element) is refused, with a validation error.
 */
export async function receiveEinvoice(deps: PurchaseDeps, xml: string): Promise<ReceivedEinvoice> {
  const facts = deps.read(xml);
  const validation = await deps.validate(xml);
  return { xml, facts, validation };
}
