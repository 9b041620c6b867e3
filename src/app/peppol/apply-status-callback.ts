import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import type { PeppolSendDeps } from './ports.js';
import { recordTransmissionStatus } from './record-transmission-status.js';
import { statusTokenAccount, statusTokenMatches } from './status-token.js';
import type { TransmissionRow } from './transmission-view.js';

const unknownToken = () => new DomainError('not_found', 'Unknown status callback.');

/**
 * A status webhook from the account's service provider, at the URL holding the account's status token (compared in
 * constant time with the stored hash). Moves the transmission it names forward (delivered, refused with the
 * receiver's reason) with its webhook event; a transmission it does not know is ignored (null).
 */
export async function applyStatusCallback(
  tx: Tx,
  deps: Pick<PeppolSendDeps, 'readStatusCallback'>,
  token: string,
  body: unknown,
): Promise<TransmissionRow | null> {
  const accountId = statusTokenAccount(token);
  if (accountId === null) throw unknownToken();
  const settings = await tx
    .selectFrom('peppol_settings')
    .select('status_token_hash')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!statusTokenMatches(token, settings?.status_token_hash ?? null)) throw unknownToken();
  const status = deps.readStatusCallback(body);
  if (!status)
    throw new DomainError('validation', 'The body is not a status notification this server knows.', [
      { field: 'body', issue: 'invalid', message: 'A transmission id and its delivery status.' },
    ]);
  const t = await tx
    .selectFrom('peppol_transmissions')
    .select('id')
    .where('account_id', '=', accountId)
    .where('transmission_id', '=', status.transmissionId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!t) return null;
  return recordTransmissionStatus(tx, accountId, t.id, {
    status: status.status,
    ...(status.reason && status.status !== 'delivered' ? { reason: status.reason } : {}),
  });
}
