import { getClientByTaxId } from '../../../app/partners/get-client-by-tax-id.js';
import { MfError } from '../mf-error.js';
import type { MfOperation } from '../operation.js';
import { mfComplex, mfField } from '../wsdl-types.js';
import { countryCodeOf, countryName } from './country.js';

/**
 * ClientGet's Object: MagniFinance's page lists CompanyLegalName; LegalName (DocumentCreate's Client) is written
 * too, for clients that read the Client shape they send.
 */
const CLIENT_INFORMATION = mfComplex('ClientInformation', [
  mfField('NIF'),
  mfField('Name'),
  mfField('Address'),
  mfField('City'),
  mfField('PostCode'),
  mfField('CountryCode'),
  mfField('PhoneNumber'),
  mfField('CountryName'),
  mfField('CompanyLegalName'),
  mfField('LegalName'),
  mfField('Email'),
  mfField('IBAN'),
]);

/**
 * IPPN ClientGet(Authentication, TaxId, CountryCode): the company with that tax id as the caller knows it: its
 * partner (MagniFinance: "data about a partner already registered"), else its customer; 06 when neither.
 */
export const clientGetOperation: MfOperation = {
  name: 'ClientGet',
  service: 'invoicing',
  auth: 'Authentication',
  scope: 'read',
  wsdl: {
    doc: 'Returns the data of a partner or customer by tax id.',
    input: [mfField('TaxId'), mfField('CountryCode')],
    output: CLIENT_INFORMATION,
  },
  async run(input, call) {
    const taxId = input.str('TaxId', 'NIF');
    if (!taxId) input.problem('TaxId', 'Required', 'TaxId is required.');
    const country = countryCodeOf(input, 'CountryCode');
    input.check();
    const c = await getClientByTaxId(call.db, call.accountId, taxId!, country);
    if (!c) throw MfError.notFound('client', `No partner or customer with tax id ${taxId}.`);
    return {
      NIF: c.taxId,
      Name: c.name,
      Address: c.street ?? '',
      City: c.city ?? '',
      PostCode: c.postalCode ?? '',
      CountryCode: c.country,
      PhoneNumber: c.phone ?? '',
      CountryName: countryName(c.country),
      CompanyLegalName: c.legalName,
      LegalName: c.legalName,
      Email: c.email ?? '',
      IBAN: c.iban ?? '',
    };
  },
};
