import type { VatCategory } from '../../domain/einvoice/model.js';

/** The e-invoice syntaxes and profiles the API offers. */
export const EINVOICE_SYNTAXES = ['ubl', 'cii'] as const;
export type EinvoiceSyntax = (typeof EINVOICE_SYNTAXES)[number];

export const EINVOICE_PROFILES = ['peppol', 'cius-pt', 'en16931'] as const;
export type EinvoiceProfile = (typeof EINVOICE_PROFILES)[number];

/** BT-24 specification identifier and BT-23 business process of each profile. */
export const PROFILE_IDS: Record<EinvoiceProfile, { customizationId: string; profileId: string | null }> = {
  // NOTE: Peppol BIS Billing 3.0 (PEPPOL-EN16931-R004, R001/R007).
  peppol: {
    customizationId: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
    profileId: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
  },
  // NOTE: CIUS-PT 2.1.1 (Portaria 195/2020; DT-CIUS-PT-022 pattern `…#compliant#urn:feap.gov.pt:CIUS-PT:<version>`).
  'cius-pt': {
    customizationId: 'urn:cen.eu:en16931:2017#compliant#urn:feap.gov.pt:CIUS-PT:2.1.1',
    profileId: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
  },
  en16931: { customizationId: 'urn:cen.eu:en16931:2017', profileId: null },
};

/**
 * The VAT categories a profile allows when fewer than EN 16931's. NOTE: CIUS-PT 2.1.1 takes neither O (it requires
 * both VAT ids, BR-CIUS-PT-01..04, which BR-O-02 forbids) nor K (DT-CIUS-PT-105 lists the older IC code, which
 * BR-CL-18 refuses): those lines are stated as exempt with their reason (M99, M16 text).
 */
export const PROFILE_CATEGORIES: Partial<Record<EinvoiceProfile, readonly VatCategory[]>> = {
  'cius-pt': ['S', 'Z', 'E', 'AE', 'G'],
};

/**
 * NOTE: CIUS-PT wants every VAT amount in the VAT accounting currency (DT-CIUS-PT-098.2, 104.2) while EN 16931
 * wants the breakdown in the invoice currency: a CIUS-PT e-invoice is stated in euros, the document's own amounts
 * (SAF-T's), whatever currency the document shows.
 */
export const PROFILE_IN_EUROS: Partial<Record<EinvoiceProfile, boolean>> = { 'cius-pt': true };

/** What the mapping must know of a profile. */
export function profileMapping(profile: EinvoiceProfile): { categories?: readonly VatCategory[]; inEuros?: boolean } {
  return { categories: PROFILE_CATEGORIES[profile], inEuros: PROFILE_IN_EUROS[profile] };
}

/** The default profile of a seller: Peppol for a Belgian one, CIUS-PT for a Portuguese one, else plain EN 16931. */
export function defaultProfile(sellerCountry: string): EinvoiceProfile {
  if (sellerCountry === 'PT') return 'cius-pt';
  if (sellerCountry === 'BE') return 'peppol';
  return 'en16931';
}

/** A PDF to embed (BG-24, BT-125). */
export interface EinvoiceAttachment {
  bytes: Uint8Array;
  fileName: string;
  description?: string;
}

export interface SerializeOptions {
  profile: EinvoiceProfile;
  attachment?: EinvoiceAttachment | null;
}
