import type { PurchaseDocumentView } from '../../../app/purchases/purchase-view.js';
import { BIS3_CREDIT_NOTE, BIS3_INVOICE } from '../../../domain/einvoice/peppol-ids.js';
import { billitDateTime } from '../dates.js';

/** One entry of `GET /v1/peppol/inbox` (docs.billit.be "Get the Inbox List for Supplier Invoices"). */
export interface BillitInboxItem {
  InboxItemID: number;
  SenderPeppolID: string | null;
  PeppolDocumentType: string;
  ReceiverPeppolID: string | null;
  ReceiverCompanyID: string | null;
  CreationDate: string | null;
  PeppolFileID: string;
}

/** NOTE: Peppol BIS Billing 3.0 CII document type (Peppol code list "Document types", busdox-docid-qns). */
const BIS3_CII_INVOICE =
  'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100::CrossIndustryInvoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::D16B';

/** The full Peppol document type id Billit shows for a received document: UBL Invoice or CreditNote (381), or CII. */
function documentTypeOf(f: PurchaseDocumentView): string {
  if (f.syntax === 'cii') return BIS3_CII_INVOICE;
  return f.typeCode === '381' ? BIS3_CREDIT_NOTE.documentTypeId : BIS3_INVOICE.documentTypeId;
}

/** Billit's ReceiverCompanyID: the Belgian company as its VAT number (`0208:0437295202` → `BE0437295202`). */
function companyIdOf(participant: string | null): string | null {
  if (!participant) return null;
  const [scheme, value] = participant.split(':', 2);
  if (value === undefined) return participant;
  return scheme === '0208' && /^\d{10}$/.test(value) ? `BE${value}` : value;
}

export function inboxItemView(f: PurchaseDocumentView, fileId: string): BillitInboxItem {
  return {
    InboxItemID: f.id,
    SenderPeppolID: f.sender,
    PeppolDocumentType: documentTypeOf(f),
    ReceiverPeppolID: f.receiver,
    ReceiverCompanyID: companyIdOf(f.receiver),
    CreationDate: billitDateTime(new Date(f.receivedAt)),
    PeppolFileID: fileId,
  };
}
