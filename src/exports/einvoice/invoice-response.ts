import { XMLBuilder } from 'fast-xml-parser';
import { el } from './xml-node.js';

const NS = {
  ar: 'urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

/** NOTE: Peppol BIS Invoice Response 3.0: its specification and business process identifiers. */
export const INVOICE_RESPONSE_CUSTOMIZATION_ID = 'urn:fdc:peppol.eu:poacc:trns:invoice_response:3';
export const INVOICE_RESPONSE_PROFILE_ID = 'urn:fdc:peppol.eu:poacc:bis:invoice_response:3';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: true });

export interface InvoiceResponseParty {
  /** `scheme:value`, e.g. `0208:0123456789`. */
  endpoint: string;
  name?: string | null;
}

export interface InvoiceResponseInput {
  /** The response's own id (unique per sender). */
  id: string;
  /** YYYY-MM-DD */
  issueDate: string;
  /** The buyer, who sends the response. */
  sender: InvoiceResponseParty;
  /** The seller, who issued the invoice. */
  receiver: InvoiceResponseParty;
  /** UNCL 4343 subset: AP accepted, RE rejected (and AB, IP, UQ, CA, PD). */
  status: 'AB' | 'IP' | 'UQ' | 'CA' | 'RE' | 'AP' | 'PD';
  /** Why (required for RE by the buyer's practice; carried as StatusReason). */
  reason?: string | null;
  /** The invoice or credit note answered: its number (BT-1), issue date and type code (UNTDID 1001). */
  document: { number: string; issueDate?: string | null; typeCode?: string | null };
}

function party(p: InvoiceResponseParty) {
  const i = p.endpoint.indexOf(':');
  const [scheme, value] = i > 0 ? [p.endpoint.slice(0, i), p.endpoint.slice(i + 1)] : [null, p.endpoint];
  return el({
    'cbc:EndpointID': el({ '#text': value, '@schemeID': scheme }),
    'cac:PartyLegalEntity': p.name ? { 'cbc:RegistrationName': p.name } : null,
  });
}

/**
 * A Peppol BIS Invoice Response 3.0: a UBL 2.1 ApplicationResponse, elements in the XSD sequence
 * (UBL-ApplicationResponse-2.1.xsd). NOTE: the response code is from UNCL 4343 (listID UNCL4343OpSubset); a
 * rejection states its reason as a Status with reason code OTH (OPStatusReason) and the buyer's text.
 */
export function invoiceResponseXml(r: InvoiceResponseInput): string {
  const withReason = r.reason
    ? { 'cbc:StatusReasonCode': { '#text': 'OTH', '@listID': 'OPStatusReason' }, 'cbc:StatusReason': r.reason }
    : null;
  const doc = el({
    '@xmlns': NS.ar,
    '@xmlns:cac': NS.cac,
    '@xmlns:cbc': NS.cbc,
    'cbc:CustomizationID': INVOICE_RESPONSE_CUSTOMIZATION_ID,
    'cbc:ProfileID': INVOICE_RESPONSE_PROFILE_ID,
    'cbc:ID': r.id,
    'cbc:IssueDate': r.issueDate,
    'cac:SenderParty': party(r.sender),
    'cac:ReceiverParty': party(r.receiver),
    'cac:DocumentResponse': {
      'cac:Response': el({
        'cbc:ResponseCode': { '#text': r.status, '@listID': 'UNCL4343OpSubset' },
        'cac:Status': withReason,
      }),
      'cac:DocumentReference': el({
        'cbc:ID': r.document.number,
        'cbc:IssueDate': r.document.issueDate,
        'cbc:DocumentTypeCode': r.document.typeCode ? { '#text': r.document.typeCode, '@listID': 'UNCL1001' } : null,
      }),
    },
  });
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + builder.build({ ApplicationResponse: doc });
}
