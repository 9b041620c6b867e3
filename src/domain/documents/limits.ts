/**
 * The longest text each document field keeps, in characters: checked on input by the native API's schemas and
 * again when a draft is built (every API reaches the draft, not all of them through those schemas).
 * NOTE: the SAF-T (PT) 1.04_01 XSD bounds the line and address ones: ProductCode 60, ProductDescription and
 * Description 200, UnitOfMeasure 20, TaxExemptionReason 60, StreetName 200, PostalCode 20, City 50 characters.
 */
export const DOCUMENT_TEXT_LIMITS = {
  reference: 60,
  observations: 1000,
  internalNote: 5000,
  vehiclePlate: 32,
} as const;

export const ADDRESS_TEXT_LIMITS = {
  street: 200,
  postalCode: 20,
  city: 50,
  /** ISO 3166-1 alpha-2. */
  country: 2,
} as const;

export const LINE_TEXT_LIMITS = {
  code: 60,
  description: 200,
  unit: 20,
  exemptionReason: 60,
} as const;
