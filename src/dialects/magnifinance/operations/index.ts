import type { MfOperation } from '../operation.js';

/**
 * Every MagniFinance operation, for both transports: the SOAP services (and their WSDL) and the REST twin are built
 * from this list. A new operation is one import and one entry.
 */
export const MF_OPERATIONS: readonly MfOperation[] = [];
