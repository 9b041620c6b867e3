export {
  closeEinvoiceValidation,
  configureEinvoiceValidation,
  EINVOICE_MAX_BYTES,
  einvoiceValidationCounts,
  validateEinvoice,
} from './validate-einvoice.js';
export { EinvoiceInputError } from './input-error.js';
export {
  EINVOICE_PROFILES,
  type EinvoiceFinding,
  type EinvoiceProfile,
  type EinvoiceSyntax,
  type EinvoiceValidation,
  type ValidateOptions,
} from './types.js';
