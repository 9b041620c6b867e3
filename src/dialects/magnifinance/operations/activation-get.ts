import { getAtSettings } from '../../../app/at/get-at-settings.js';
import { testAtConnection } from '../../../app/at/test-at-connection.js';
import { DomainError } from '../../../domain/errors.js';
import type { MfOperation } from '../operation.js';
import { ACTIVATION_RESULT, activationObject } from './activation-object.js';

/**
 * TaxCommunication ActivationGet(authentication): whether authentication with the Portal das Finanças succeeds,
 * asked of AT now with the stored sub-user (a read-only consultarSeries, logged). The password is never returned.
 */
export const activationGet: MfOperation = {
  name: 'ActivationGet',
  service: 'tax',
  auth: 'authentication',
  scope: 'read',
  wsdl: {
    doc: 'Whether AT accepts the stored sub-user now, and whether automatic communication is on.',
    input: [],
    output: ACTIVATION_RESULT,
  },
  async run(_input, call) {
    const at = call.kit.services.at();
    const s = await getAtSettings(call.db, at, call.accountId);
    const switchedOn = s.transportEnabled || s.invoicesEnabled;
    const answer = (authenticated: boolean, message: string) =>
      activationObject({ username: s.username, switchedOn, authenticated, message });
    if (!s.username || !s.passwordSet)
      return answer(false, 'The AT sub-user and password are not set (ActivationSet).');
    const notReady = s.installation.notReadyReason;
    if (notReady) return answer(false, `AT cannot be asked from this installation: ${notReady}`);
    try {
      const r = await testAtConnection(call.db, at, call.accountId, call.ctx.now);
      return answer(r.ok, r.ok ? `AT accepted the credentials (${r.environment} environment).` : r.message);
    } catch (err) {
      // The stored password cannot be opened (the installation's secret key changed): not authenticated, not a fault.
      if (err instanceof DomainError && err.code === 'at_not_configured') return answer(false, err.message);
      throw err;
    }
  },
};
