import { setAtActivation } from '../../../app/at/set-at-activation.js';
import { MfError } from '../mf-error.js';
import type { MfOperation } from '../operation.js';
import { withFieldNames } from './renamed-fields.js';
import { ACTIVATION_RESULT, activationObject } from './activation-object.js';

/** The AT settings' fields as the activation names them. */
const FIELDS: Record<string, string> = {
  username: 'activation.Username',
  password: 'activation.Password',
  transportEnabled: 'activation.IsActive',
  invoicesEnabled: 'activation.IsActive',
};

/**
 * TaxCommunication ActivationSet(authentication, activation{Username, Password, IsActive}): the AT sub-user
 * (`NIF/n`, with the WFA and WDT operations) the account communicates with. AT checks it first; refused credentials
 * are not stored (02 naming Password, with AT's message). IsActive switches the automatic communication of
 * invoices and transport documents on or off.
 */
export const activationSet: MfOperation = {
  name: 'ActivationSet',
  service: 'tax',
  auth: 'authentication',
  scope: 'admin',
  wsdl: {
    doc: 'Sets the AT sub-user (NIF/n) and its password, checked with AT first, and switches automatic communication.',
    input: [
      {
        name: 'activation',
        type: {
          kind: 'complex',
          name: 'Activation',
          fields: [
            { name: 'Username', type: 'string' },
            { name: 'Password', type: 'string' },
            { name: 'IsActive', type: 'boolean' },
          ],
        },
      },
    ],
    output: ACTIVATION_RESULT,
  },
  async run(input, call) {
    const a = input.sub('activation', 'Activation');
    if (!a) throw MfError.field('activation', 'Required', 'activation{Username, Password, IsActive} is required.');
    const username = a.str('Username');
    const password = a.text('Password');
    const active = a.bool('IsActive');
    if (!username) a.problem('Username', 'Required', 'The AT sub-user, NIF/number (e.g. 503340855/1).');
    if (!password) a.problem('Password', 'Required', 'The AT sub-user’s password.');
    a.check();
    const at = call.kit.services.at();
    const r = await setAtActivation(call.db, at, call.ctx, {
      username: username!,
      password: password!,
      active: active ?? true,
    }).catch((err: unknown) => {
      throw withFieldNames(err, FIELDS);
    });
    return activationObject({
      username: username!,
      switchedOn: active ?? true,
      authenticated: r.verified,
      message: r.verified
        ? `AT accepted the credentials (${r.environment} environment).`
        : `Stored without checking with AT: ${r.notVerifiedReason}`,
    });
  },
};
