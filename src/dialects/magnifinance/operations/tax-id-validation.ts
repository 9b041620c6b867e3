import { checkTaxId } from '../../../domain/tax-id.js';
import { MfError } from '../mf-error.js';
import type { MfOperation } from '../operation.js';
import { mfComplex, mfField } from '../wsdl-types.js';
import { countryCodeOf } from './country.js';

const TAX_ID_VALIDATION = mfComplex('TaxIdValidationResult', [
  mfField('TaxId'),
  mfField('CountryCode'),
  mfField('IsValid', 'boolean'),
]);

/**
 * IPPN TaxIdValidation(Authentication, TaxId, CountryCode): Success with the tax id as stored (PT: its 9 digits;
 * EU: the VAT number with its prefix), or 04 InvalidTaxId. Portugal: the NIF check digit; Belgium: the enterprise
 * number's mod 97; other EU countries: the VAT number's format (VIES is not asked); elsewhere any id of letters,
 * digits and separators up to 30 characters.
 */
export const taxIdValidationOperation: MfOperation = {
  name: 'TaxIdValidation',
  service: 'invoicing',
  auth: 'Authentication',
  scope: 'read',
  wsdl: {
    doc: 'Whether a tax id is valid for its country.',
    input: [mfField('TaxId'), mfField('CountryCode')],
    output: TAX_ID_VALIDATION,
  },
  async run(input) {
    const taxId = input.str('TaxId');
    if (!taxId) input.problem('TaxId', 'Required', 'TaxId is required.');
    const country = countryCodeOf(input, 'CountryCode');
    input.check();
    const check = checkTaxId(taxId!, country);
    if (!check.valid)
      throw MfError.field('TaxId', 'InvalidTaxId', `${taxId} is not a valid tax id for ${country}.`, taxId, 4);
    return { TaxId: check.normalized, CountryCode: country, IsValid: true };
  },
};
