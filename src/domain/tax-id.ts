import { belgianVatNumber } from './be/enterprise-number.js';
import { validateTaxId, type TaxIdCheck } from './pt/nif.js';

/**
 * A tax id checked as far as the domain knows its country's rules: Portugal the NIF's check digit, Belgium the
 * enterprise number's mod-97 check (normalized as the VAT number `BE0123456749`), other EU countries the VAT
 * number's format, any other country only its characters and length.
 */
export function checkTaxId(taxId: string, country: string): TaxIdCheck {
  const cc = (country || 'PT').trim().toUpperCase();
  if (cc === 'BE') {
    const vat = belgianVatNumber(taxId);
    return vat ? { valid: true, normalized: vat } : { valid: false, normalized: taxId.trim() };
  }
  return validateTaxId(taxId, cc);
}
