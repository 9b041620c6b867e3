import type { MfComplex } from '../operation.js';
import type { MfObject } from '../response.js';

/** What ActivationSet and ActivationGet answer in `Object`: never the password. */
export const ACTIVATION_RESULT: MfComplex = {
  kind: 'complex',
  name: 'ActivationResult',
  fields: [
    { name: 'Username', type: 'string' },
    { name: 'IsActive', type: 'boolean' },
    { name: 'IsAuthenticated', type: 'boolean' },
    { name: 'Message', type: 'string' },
  ],
};

/**
 * IsActive: documents are being communicated, i.e. automatic communication is switched on AND AT accepts the
 * credentials (what MagniFinance's ActivationGet confirms); IsAuthenticated: AT accepts them.
 */
export function activationObject(a: {
  username: string | null;
  switchedOn: boolean;
  authenticated: boolean;
  message: string;
}): MfObject {
  return {
    Username: a.username ?? '',
    IsActive: a.switchedOn && a.authenticated,
    IsAuthenticated: a.authenticated,
    Message: a.message,
  };
}
