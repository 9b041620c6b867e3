import type { MfOperation } from '../operation.js';
import { documentCancel } from './document-cancel.js';
import { documentCreate } from './document-create.js';
import { documentGet } from './document-get.js';
import { documentGetProperty } from './document-get-property.js';
import { addPartnerOperation } from './add-partner.js';
import { clientGetOperation } from './client-get.js';
import { partnerAccessTokensOperation } from './partner-access-tokens.js';
import { taxIdValidationOperation } from './tax-id-validation.js';
import { waybillCreate } from './waybill-create.js';
import { activationSet } from './activation-set.js';
import { activationGet } from './activation-get.js';
import { communicationList } from './communication-list.js';

/**
 * Every MagniFinance operation, for both transports: the SOAP services (and their WSDL) and the REST twin are built
 * from this list. A new operation is one import and one entry.
 */
export const MF_OPERATIONS: readonly MfOperation[] = [
  documentCreate,
  documentGet,
  documentCancel,
  documentGetProperty,
  addPartnerOperation,
  partnerAccessTokensOperation,
  clientGetOperation,
  taxIdValidationOperation,
  waybillCreate,
  activationSet,
  activationGet,
  communicationList,
];
