import type { MfArray, MfAuth, MfComplex, MfEnum, MfField, MfXsdType } from './operation.js';

const f = (name: string, type: MfXsdType = 'string'): MfField => ({ name, type });
const complex = (name: string, fields: MfField[]): MfComplex => ({ kind: 'complex', name, fields });

/** The WSDL types the operations share (a name is one shape: the generator refuses two shapes of one name). */
export const AUTHENTICATION = complex('Authentication', [f('Email'), f('Token')]);
export const SPECIAL_AUTHENTICATION = complex('SpecialAuthentication', [f('Email'), f('Token'), f('Password')]);

export const AUTH_TYPES: Record<MfAuth, MfComplex> = {
  Authentication: AUTHENTICATION,
  SpecialAuthentication: SPECIAL_AUTHENTICATION,
  authentication: AUTHENTICATION,
};

/** DocumentCreate's and WaybillCreate's `Client`. */
export const CLIENT = complex('Client', [
  f('NIF'),
  f('Name'),
  f('Address'),
  f('City'),
  f('PostCode'),
  f('CountryCode'),
  f('PhoneNumber'),
  f('CountryName'),
  f('LegalName'),
  f('Email'),
  f('IBAN'),
]);

/** A line: `TaxValue` is the VAT rate in percent, `ProductDiscount` a percentage, `Type` S (service) or P (product). */
export const PRODUCT = complex('APIInvoicingProduct', [
  f('Code'),
  f('Description'),
  f('UnitPrice', 'decimal'),
  f('Quantity', 'decimal'),
  f('Unit'),
  f('Type'),
  f('TaxValue', 'decimal'),
  f('ProductDiscount', 'decimal'),
  f('CostCenter'),
  f('TaxValueCountry'),
  f('TaxExemptionReasonCode'),
]);

export const LINES: MfArray = {
  kind: 'array',
  name: 'ArrayOfAPIInvoicingProduct',
  item: 'APIInvoicingProduct',
  of: PRODUCT,
};

/** The answer's `Type`: the text Success or Error. */
export const RESPONSE_TYPE: MfEnum = { kind: 'enum', name: 'ResponseType', values: ['Success', 'Error'] };

export const ERROR_VALUE = complex('ErrorValue', [f('Value', 'int'), f('Name')]);

export const VALIDATION_ERROR = complex('ValidationError', [
  f('FieldName'),
  f('ElementNumber', 'int'),
  f('Type'),
  f('Field'),
  f('Value'),
  f('Detail'),
]);

export const VALIDATION_ERRORS: MfArray = {
  kind: 'array',
  name: 'ArrayOfValidationError',
  item: 'ValidationError',
  of: VALIDATION_ERROR,
};

export { complex as mfComplex, f as mfField };
