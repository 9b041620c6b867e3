import { checkEnterpriseNumber } from '../be/enterprise-number.js';

/**
 * Peppol identifiers (Peppol Policy for use of Identifiers 4.x; einvoice.md §4.2, §4.8).
 * A participant is `scheme:value` under the `iso6523-actorid-upis` identifier scheme, the scheme being the
 * 4-digit EAS/ICD code; a document type is a `busdox-docid-qns` id; a process a `cenbii-procid-ubl` id.
 */

/** The same shape as the port's ParticipantId (the domain does not import the application layer). */
export interface PeppolParticipant {
  scheme: string;
  value: string;
}

export interface PeppolDocType {
  documentTypeId: string;
  processId: string;
}

export const PARTICIPANT_SCHEME = 'iso6523-actorid-upis';
export const DOCUMENT_TYPE_SCHEME = 'busdox-docid-qns';
export const PROCESS_SCHEME = 'cenbii-procid-ubl';

/** NOTE: Peppol BIS Billing 3.0 process (BT-23 ProfileID), PEPPOL-EN16931-R001. */
export const BILLING_PROCESS_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
const BIS3_CUSTOMIZATION = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const UBL_INVOICE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
export const UBL_CREDIT_NOTE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';
export const UBL_APPLICATION_RESPONSE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2';

/** NOTE: BIS Billing 3.0 document type ids (Peppol code list "Document types", einvoice.md §4.2). */
export const BIS3_INVOICE: PeppolDocType = {
  documentTypeId: `${UBL_INVOICE_NS}::Invoice##${BIS3_CUSTOMIZATION}::2.1`,
  processId: BILLING_PROCESS_ID,
};
export const BIS3_CREDIT_NOTE: PeppolDocType = {
  documentTypeId: `${UBL_CREDIT_NOTE_NS}::CreditNote##${BIS3_CUSTOMIZATION}::2.1`,
  processId: BILLING_PROCESS_ID,
};
/** NOTE: Peppol BIS Invoice Response 3.0 (T111): its own document type and process. */
export const INVOICE_RESPONSE: PeppolDocType = {
  documentTypeId: `${UBL_APPLICATION_RESPONSE_NS}::ApplicationResponse##urn:fdc:peppol.eu:poacc:trns:invoice_response:3::2.1`,
  processId: 'urn:fdc:peppol.eu:poacc:bis:invoice_response:3',
};

export const BIS3_BILLING_TYPES: readonly PeppolDocType[] = [BIS3_INVOICE, BIS3_CREDIT_NOTE];

export function bis3DocumentType(kind: 'invoice' | 'credit-note'): PeppolDocType {
  return kind === 'credit-note' ? BIS3_CREDIT_NOTE : BIS3_INVOICE;
}

export type ParticipantRead = { ok: true; id: PeppolParticipant } | { ok: false; reason: string };

const SCHEME_RE = /^\d{4}$/;

/**
 * Reads a participant id as a user or a vendor API gives it: `0208:0123456749`,
 * `iso6523-actorid-upis::9925:BE0123456749`, a Belgian VAT number `BE0123456749` (→ 9925) or a bare enterprise
 * number `0123.456.749` (→ 0208). NOTE: a 0208 value must pass the enterprise-number mod-97 check
 * (PEPPOL-COMMON-R043); 9925 values are `BE` + the 10 digits.
 */
export function readParticipantId(input: string): ParticipantRead {
  let s = (input ?? '').trim();
  if (!s) return { ok: false, reason: 'A Peppol participant id is required.' };
  const lower = s.toLowerCase();
  if (lower.startsWith(`${PARTICIPANT_SCHEME}::`)) s = s.slice(PARTICIPANT_SCHEME.length + 2);
  const colon = s.indexOf(':');
  if (colon >= 0) {
    const scheme = s.slice(0, colon).trim();
    const value = s.slice(colon + 1).trim();
    if (!SCHEME_RE.test(scheme))
      return { ok: false, reason: `"${scheme}" is not an ISO 6523 scheme code (four digits, e.g. 0208).` };
    if (!value || /\s/.test(value)) return { ok: false, reason: `The participant id "${input}" has no valid value.` };
    if (scheme === '0208') return belgian('0208', value, input);
    if (scheme === '9925') return belgian('9925', value, input);
    return { ok: true, id: { scheme, value } };
  }
  if (/^BE/i.test(s)) return belgian('9925', s, input);
  if (/^[\d.\s]+$/.test(s)) return belgian('0208', s, input);
  return {
    ok: false,
    reason: `"${input}" is not a Peppol participant id (scheme:value, a BE VAT or enterprise number).`,
  };
}

function belgian(scheme: '0208' | '9925', raw: string, input: string): ParticipantRead {
  const c = checkEnterpriseNumber(raw);
  if (!c.valid) return { ok: false, reason: `"${input}" is not a valid Belgian enterprise number (mod-97 check).` };
  return { ok: true, id: { scheme, value: scheme === '0208' ? c.digits : `BE${c.digits}` } };
}

/** The participant id, or null when it cannot be read (see readParticipantId for why). */
export function parseParticipantId(input: string): PeppolParticipant | null {
  const r = readParticipantId(input);
  return r.ok ? r.id : null;
}

/** `0208:0123456749`. */
export function formatParticipantId(p: PeppolParticipant): string {
  return `${p.scheme}:${p.value}`;
}

/** `iso6523-actorid-upis::0208:0123456749` (SMP paths). */
export function participantUri(p: PeppolParticipant): string {
  return `${PARTICIPANT_SCHEME}::${formatParticipantId(p)}`;
}

/** `busdox-docid-qns::urn:oasis:…::2.1` (SMP paths). */
export function documentTypeUri(documentTypeId: string): string {
  return `${DOCUMENT_TYPE_SCHEME}::${documentTypeId}`;
}

/** Participant ids compare case-insensitively (Peppol Policy for use of Identifiers, POLICY 2). */
export function sameParticipant(a: PeppolParticipant, b: PeppolParticipant): boolean {
  return a.scheme === b.scheme && a.value.toLowerCase() === b.value.toLowerCase();
}

/**
 * The ids a Belgian party may be reachable under, in the order to try them.
 * NOTE: 0208 (enterprise number) is the mandatory registration since 2026-01-01; 9925 (VAT) is optional (§4.8).
 */
export function belgianParticipantCandidates(taxId: string): PeppolParticipant[] {
  const c = checkEnterpriseNumber(taxId);
  if (!c.valid) return [];
  return [
    { scheme: '0208', value: c.digits },
    { scheme: '9925', value: `BE${c.digits}` },
  ];
}

/** A busdox-docid-qns id split into what the SBDH DocumentIdentification carries. */
export interface DocumentTypeParts {
  /** The root element's namespace (SBDH Standard). */
  rootNamespace: string;
  /** The root element's local name (SBDH Type). */
  localName: string;
  /** The CustomizationID the document must carry. */
  customizationId: string;
  /** The syntax version (SBDH TypeVersion). */
  version: string;
}

/** `<ns>::<localName>##<customization>::<version>`, or null when the id is not of that form. */
export function documentTypeParts(documentTypeId: string): DocumentTypeParts | null {
  const m = /^(.+)::([A-Za-z][\w.-]*)##(.+)::([^:]+)$/.exec(documentTypeId.trim());
  if (!m) return null;
  return { rootNamespace: m[1]!, localName: m[2]!, customizationId: m[3]!, version: m[4]! };
}
