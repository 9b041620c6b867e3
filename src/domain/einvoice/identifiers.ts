import type { SchemedId } from './model.js';

/**
 * Peppol EAS codes for national VAT numbers (code list `eas.xml`, BIS 3.0; all in the 2026.5 allow-list,
 * PEPPOL-EN16931-CL008). NOTE: 9946 "Portugal VAT number", 9925 "Belgium VAT number".
 */
const VAT_EAS: Record<string, string> = {
  AD: '9922',
  AT: '9914',
  BE: '9925',
  BG: '9926',
  CH: '9927',
  CY: '9928',
  CZ: '9929',
  DE: '9930',
  EE: '9931',
  ES: '9920',
  FR: '9957',
  GB: '9932',
  GR: '9933',
  HR: '9934',
  HU: '9910',
  IE: '9935',
  IT: '0211',
  LI: '9936',
  LT: '9937',
  LU: '9938',
  LV: '9939',
  MC: '9940',
  MT: '9943',
  NL: '9944',
  PL: '9945',
  PT: '9946',
  RO: '9947',
  SI: '9949',
  SK: '9950',
  SM: '9951',
  TR: '9952',
};

/** Greece's VAT prefix is EL, not its ISO code (VAT Directive art. 215). */
const VAT_PREFIX: Record<string, string> = { GR: 'EL' };

/** NOTE: the Portuguese final consumer's NIF (P302 2.2.3.4): no identified customer, no VAT id. */
const PT_FINAL_CONSUMER = '999999990';

export interface PartyIds {
  endpoint: SchemedId | null;
  vatId: string | null;
  legalId: { id: string; scheme?: string | null } | null;
}

/** The Belgian enterprise number (KBO/BCE) of a Belgian tax id as typed: `BE 0412.345.614` → `0412345614`. */
export function belgianEnterpriseNumber(taxId: string): string | null {
  const digits = taxId
    .toUpperCase()
    .replace(/^BE/, '')
    .replace(/[^0-9]/g, '');
  if (digits.length === 9) return `0${digits}`;
  return digits.length === 10 ? digits : null;
}

/**
 * A party's electronic address, VAT id and legal id from its country and tax id.
 * NOTE: Belgian companies are reached on Peppol under 0208 + enterprise number (mandatory since 2026-01-01,
 * PEPPOL-COMMON-R043 mod-97 check), 9925 being optional; elsewhere the national VAT EAS (99xx) is used.
 */
export function partyIds(countryIn: string | null | undefined, taxIdIn: string | null | undefined): PartyIds {
  const country = (countryIn || '').toUpperCase();
  const taxId = (taxIdIn ?? '').trim().replace(/\s+/g, '');
  if (!taxId || (country === 'PT' && taxId === PT_FINAL_CONSUMER))
    return { endpoint: null, vatId: null, legalId: null };
  if (country === 'BE') {
    const kbo = belgianEnterpriseNumber(taxId);
    if (kbo)
      return {
        endpoint: { id: kbo, scheme: '0208' },
        vatId: `BE${kbo}`,
        legalId: { id: kbo, scheme: '0208' },
      };
  }
  const prefix = VAT_PREFIX[country] ?? country;
  const bare = taxId.toUpperCase().startsWith(prefix) ? taxId.slice(prefix.length) : taxId;
  const vatId = /^[A-Z]{2}$/.test(prefix) ? `${prefix}${bare}` : bare;
  const eas = VAT_EAS[country];
  return {
    endpoint: eas ? { id: eas === '0211' ? bare : vatId, scheme: eas } : null,
    vatId,
    legalId: { id: bare },
  };
}
