import { addPartner } from '../../../app/partners/add-partner.js';
import { DomainError } from '../../../domain/errors.js';
import { MfError } from '../mf-error.js';
import { countryOf } from './country.js';
import type { MfOperation } from '../operation.js';
import { mfComplex, mfField } from '../wsdl-types.js';

const PARTNER_INFORMATION = mfComplex('PartnerInformation', [
  mfField('UserName'),
  mfField('UserEmail'),
  mfField('UserPhone'),
  mfField('CompanyTaxId'),
  mfField('CompanyLegalName'),
  mfField('CompanyAddress'),
  mfField('CompanyCity'),
  mfField('CompanyPostCode'),
  mfField('CompanyCountry'),
]);

const PARTNER = mfComplex('APIPartner', [
  mfField('PartnerId', 'int'),
  mfField('CompanyTaxId'),
  mfField('CompanyLegalName'),
  mfField('CompanyCountry'),
  mfField('UserEmail'),
]);

/** The use case's field names as PartnerInformation's. */
const FIELDS: Record<string, string> = {
  companyTaxId: 'CompanyTaxId',
  companyLegalName: 'CompanyLegalName',
  companyPostCode: 'CompanyPostCode',
  companyCountry: 'CompanyCountry',
  userEmail: 'UserEmail',
};

function partnerError(err: DomainError): MfError {
  const code = err.code === 'invalid_tax_id' ? 4 : err.code === 'conflict' ? 14 : 2;
  return new MfError(
    code,
    err.message,
    err.details.map((d) => {
      const field = `PartnerInformation.${FIELDS[d.field] ?? d.field}`;
      const type =
        err.code === 'conflict'
          ? 'PartnerAlreadyExists'
          : d.issue === 'required'
            ? 'Required'
            : d.issue === 'not_unique'
              ? 'Duplicate'
              : 'Invalid';
      return { FieldName: field, Type: type, Field: field, Value: d.value, Detail: d.message };
    }),
  );
}

/**
 * IPPN AddPartner(Authentication, PartnerInformation): a company the caller invoices for becomes an account of its
 * own under the caller's (series, taxes and an owner user with the partner's e-mail), able to issue at once. Its
 * token is not in the answer: GetPartnerAccessTokens returns it. The REST twin sends PartnerInformation's fields at
 * the top of the body.
 */
export const addPartnerOperation: MfOperation = {
  name: 'AddPartner',
  service: 'invoicing',
  auth: 'Authentication',
  scope: 'admin',
  response: 'ResponseAddPartner',
  wsdl: {
    doc: 'Registers a partner company (an account under yours) to invoice on its behalf.',
    input: [{ name: 'PartnerInformation', type: PARTNER_INFORMATION }],
    output: PARTNER,
  },
  async run(input, call) {
    const info = input.sub('PartnerInformation') ?? input;
    const taxId = info.str('CompanyTaxId');
    const email = info.str('UserEmail');
    if (!taxId) info.problem('CompanyTaxId', 'Required', 'PartnerInformation.CompanyTaxId is required.');
    if (!email) info.problem('UserEmail', 'Required', 'PartnerInformation.UserEmail is required.');
    const country = countryOf(info, 'CompanyCountry');
    info.check();
    const secrets = call.kit.services.secrets();
    try {
      const partner = await call.tx((tx) =>
        addPartner(
          tx,
          call.ctx.now,
          call.accountId,
          {
            companyTaxId: taxId!,
            companyLegalName: info.str('CompanyLegalName') ?? '',
            companyAddress: info.str('CompanyAddress'),
            companyCity: info.str('CompanyCity'),
            companyPostCode: info.str('CompanyPostCode'),
            companyCountry: country,
            userName: info.str('UserName'),
            userEmail: email!,
            userPhone: info.str('UserPhone'),
          },
          secrets,
        ),
      );
      return {
        PartnerId: partner.accountId,
        CompanyTaxId: partner.taxId,
        CompanyLegalName: partner.legalName,
        CompanyCountry: partner.country,
        UserEmail: partner.userEmail,
      };
    } catch (err) {
      if (err instanceof DomainError) throw partnerError(err);
      throw err;
    }
  },
};
