import type { ParticipantId, ParticipantInfo, PeppolDocumentType } from '../../../app/peppol/ports.js';
import { partyIds } from '../../../domain/einvoice/identifiers.js';
import { readParticipantId } from '../../../domain/einvoice/peppol-ids.js';

/** `GET /v1/peppol/participantInformation/{VATorCBE}` as Billit answers it (also for a party not on Peppol). */
export interface BillitParticipantView {
  Registered: boolean;
  /** `scheme:value`, as looked up (`9925:BE0437299999`, `0208:0437299999`). */
  Identifier: string;
  /** Billit's short names (`BISv3Invoice`, `BISv3CreditNote`, `IMR`, `MLR`…); the full id when it has none. */
  DocumentTypes: string[];
  /** One entry per registered document type, with the ids as the SMP lists them. */
  ServiceDetails: { DocumentType: string; DocumentTypeID: string; ProcessID: string }[];
}

// Billit names the Peppol document types it registers by these short names (docs.billit.be "Self-Billing Receiver
// Registered on Peppol": BISv3Invoice, BISv3CreditNote, BISv3InvoiceSelfBilling, BISv3CreditNoteSelfBilling, IMR, MLR).
const SHORT_NAMES: { test: RegExp; name: string }[] = [
  { test: /::Invoice##.*poacc:selfbilling:/, name: 'BISv3InvoiceSelfBilling' },
  { test: /::CreditNote##.*poacc:selfbilling:/, name: 'BISv3CreditNoteSelfBilling' },
  { test: /::Invoice##.*poacc:billing:3\.0/, name: 'BISv3Invoice' },
  { test: /::CreditNote##.*poacc:billing:3\.0/, name: 'BISv3CreditNote' },
  { test: /::ApplicationResponse##.*invoice_response:/, name: 'IMR' },
  { test: /::ApplicationResponse##.*mlr:/, name: 'MLR' },
];

/** Billit's short name of a Peppol document type id (busdox-docid-qns), or the id itself. */
export function billitDocumentTypeName(documentTypeId: string): string {
  const id = documentTypeId.replace(/^busdox-docid-qns::/, '');
  return SHORT_NAMES.find((s) => s.test.test(id))?.name ?? id;
}

export function participantView(identifier: string, info: ParticipantInfo | null): BillitParticipantView {
  const types: PeppolDocumentType[] = info?.registered ? info.documentTypes : [];
  const names = types.map((t) => billitDocumentTypeName(t.documentTypeId));
  return {
    Registered: info?.registered ?? false,
    Identifier: identifier,
    DocumentTypes: [...new Set(names)],
    ServiceDetails: types.map((t, i) => ({
      DocumentType: names[i],
      DocumentTypeID: t.documentTypeId,
      ProcessID: t.processId,
    })),
  };
}

/**
 * The participant a `{VATorCBE}` names, the way Billit reads it (docs.billit.be "Check via API"): `scheme:value`
 * passes through, a Belgian VAT number `BE0…` is `9925:BE…`, a bare enterprise number `0…` is `0208:…`, and another
 * country's VAT number is its national VAT scheme (`NL…` → 9944). A reason when it is none of these.
 */
export function billitParticipant(raw: string): { ok: true; id: ParticipantId } | { ok: false; reason: string } {
  const s = raw.trim();
  const vat = /^([A-Z]{2})[0-9A-Z+*.]{2,20}$/i.exec(s.replace(/[\s.-]/g, ''));
  if (vat && !s.includes(':') && vat[1].toUpperCase() !== 'BE') {
    const country = vat[1].toUpperCase() === 'EL' ? 'GR' : vat[1].toUpperCase();
    const endpoint = partyIds(country, s.replace(/[\s.-]/g, '')).endpoint;
    if (endpoint) return { ok: true, id: { scheme: endpoint.scheme, value: endpoint.id.toUpperCase() } };
  }
  const r = readParticipantId(s);
  return r.ok ? { ok: true, id: r.id } : { ok: false, reason: r.reason };
}
