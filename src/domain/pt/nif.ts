/** NOTE: the NIF AT prescribes for a customer who gives none (QR spec §4 field B; SAF-T "Consumidor final"). */
export const CONSUMIDOR_FINAL_NIF = '999999990';

// NOTE: NIF prefixes per portugal.md §7.1 (GOBL regimes/pt/tax_identity.go and HESTIA ValidateNIFPT agree).
const ONE_DIGIT_PREFIXES = '123568';
const TWO_DIGIT_PREFIXES = ['45', '70', '71', '72', '74', '75', '77', '78', '79', '90', '91', '98', '99'];

/** Portuguese NIF: 9 digits, a known prefix, and the mod-11 check digit (weights 9..2; remainder < 2 → 0). */
export function isValidPtNif(nif: string): boolean {
  if (!/^\d{9}$/.test(nif)) return false;
  if (!ONE_DIGIT_PREFIXES.includes(nif[0]) && !TWO_DIGIT_PREFIXES.includes(nif.slice(0, 2))) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(nif[i]) * (9 - i);
  const r = sum % 11;
  return (r < 2 ? 0 : 11 - r) === Number(nif[8]);
}

/**
 * EU VAT number formats, prefix included (jsvat `lib/commonjs/lib/countries/*.js`, portugal.md §7.2). Format only:
 * VIES is not consulted and only the Portuguese check digit is verified.
 */
const EU_VAT_FORMATS: Record<string, readonly RegExp[]> = {
  AT: [/^ATU\d{8}$/],
  BE: [/^BE[01]?\d{9}$/],
  BG: [/^BG\d{9,10}$/],
  CY: [/^CY[0-59]\d{7}[A-Z]$/],
  CZ: [/^CZ\d{8,10}$/],
  DE: [/^DE[1-9]\d{8}$/],
  DK: [/^DK\d{8}$/],
  EE: [/^EE10\d{7}$/],
  EL: [/^EL\d{9}$/],
  ES: [/^ES[A-Z]\d{8}$/, /^ES[A-HN-SW]\d{7}[A-J]$/, /^ES[0-9YZ]\d{7}[A-Z]$/, /^ES[KLMX]\d{7}[A-Z]$/],
  FI: [/^FI\d{8}$/],
  FR: [/^FR\d{11}$/, /^FR[A-HJ-NP-Z]\d{10}$/, /^FR\d[A-HJ-NP-Z]\d{9}$/, /^FR[A-HJ-NP-Z]{2}\d{9}$/],
  HR: [/^HR\d{11}$/],
  HU: [/^HU\d{8}$/],
  IE: [/^IE\d{7}[A-W]$/, /^IE[7-9][A-Z*+]\d{5}[A-W]$/, /^IE\d{7}[A-W][AH]$/],
  IT: [/^IT\d{11}$/],
  LT: [/^LT(\d{9}|\d{12})$/],
  LU: [/^LU\d{8}$/],
  LV: [/^LV\d{11}$/],
  MT: [/^MT[1-9]\d{7}$/],
  NL: [/^NL\d{9}B\d{2}$/],
  PL: [/^PL\d{10}$/],
  RO: [/^RO[1-9]\d{1,9}$/],
  SE: [/^SE\d{10}01$/],
  SI: [/^SI[1-9]\d{7}$/],
  SK: [/^SK[1-9]\d[2346-9]\d{7}$/],
  // NOTE: Northern Ireland (UK format) is not in jsvat; format unconfirmed (portugal.md §7.2).
  XI: [/^XI(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/],
};

/** Greece's VAT prefix is EL, not its ISO code. */
const VAT_PREFIX_OF_COUNTRY: Record<string, string> = { GR: 'EL' };

const OTHER_TAX_ID = /^[A-Za-z0-9./ -]+$/;
/** NOTE: SAF-T CustomerTaxID and QR field B hold at most 30 characters. */
const TAX_ID_MAX = 30;

export interface TaxIdCheck {
  valid: boolean;
  /**
   * PT: the 9 digits, without prefix (as SAF-T wants it). EU: upper case, without spaces, dots or dashes, with the
   * VAT prefix (the VIES form). Other countries: trimmed. When invalid, the best-effort cleaned input.
   */
  normalized: string;
}

/** Validates a customer tax id for its country (ISO 3166 alpha-2); the country prefix is optional in the input. */
export function validateTaxId(taxId: string, country: string): TaxIdCheck {
  const cc = country.trim().toUpperCase();
  if (cc === 'PT') {
    const compact = taxId.replace(/\s+/g, '').toUpperCase();
    const normalized = compact.startsWith('PT') ? compact.slice(2) : compact;
    return { valid: isValidPtNif(normalized), normalized };
  }

  const prefix = VAT_PREFIX_OF_COUNTRY[cc] ?? cc;
  const formats = EU_VAT_FORMATS[prefix];
  if (formats) {
    const compact = taxId.replace(/[\s.-]+/g, '').toUpperCase();
    const candidates = [prefix + compact];
    if (compact.startsWith(prefix)) candidates.unshift(compact);
    if (prefix !== cc && compact.startsWith(cc)) candidates.unshift(prefix + compact.slice(cc.length));
    const match = candidates.find((c) => formats.some((re) => re.test(c)));
    return { valid: match !== undefined, normalized: match ?? candidates[0] };
  }

  const normalized = taxId.trim();
  return { valid: normalized.length <= TAX_ID_MAX && OTHER_TAX_ID.test(normalized), normalized };
}
