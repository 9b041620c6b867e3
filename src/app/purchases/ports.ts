import type { EinvoiceFacts } from '../../domain/einvoice/read-einvoice.js';
import type { PeppolDeps } from '../peppol/ports.js';

/** The validator's verdict on a received e-invoice, as stored with it. */
export interface PurchaseValidation {
  valid: boolean;
  /** Fatal findings and schema errors. */
  fatal: number;
  /** The first of them, `RULE-ID text` (at most 10). */
  messages: string[];
}

/** What an Invoice Response says, for the edge that writes its UBL ApplicationResponse. */
export interface InvoiceResponseDraft {
  id: string;
  issueDate: string;
  sender: { endpoint: string; name?: string | null };
  receiver: { endpoint: string; name?: string | null };
  status: 'AP' | 'RE';
  reason?: string | null;
  document: { number: string; issueDate?: string | null; typeCode?: string | null };
}

/** What the reception use cases need from the edges: reading, validating, writing a response, the access point. */
export interface PurchaseDeps {
  /** The EN 16931 facts; throws a validation DomainError for what is not an e-invoice at all (not XML…). */
  read(xml: string): EinvoiceFacts;
  /** XSD + EN 16931 (+ Peppol when the CustomizationID names it); never throws for a readable document. */
  validate(xml: string): Promise<PurchaseValidation>;
  /** The Peppol BIS Invoice Response 3.0 (UBL ApplicationResponse). */
  invoiceResponse(draft: InvoiceResponseDraft): string;
  /** The Peppol adapters (built on first use). */
  peppol(): PeppolDeps;
}
