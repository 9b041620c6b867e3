import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import type { SecretSealer } from '../email/ports.js';
import { parseParticipantId } from '../../domain/einvoice/peppol-ids.js';
import { peppolSecretContext } from './peppol-secret-context.js';
import type { AccessPointConfig, ParticipantId } from './ports.js';

export interface AccountAccessPoint {
  config: AccessPointConfig;
  /** The account's own participant id (the sender). */
  participant: ParticipantId;
}

/** The account's access point with its secrets opened, or null when none is set. */
export async function loadAccessPoint(
  tx: Tx,
  secrets: SecretSealer,
  accountId: number,
): Promise<AccountAccessPoint | null> {
  const s = await tx.selectFrom('peppol_settings').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  if (!s) return null;
  const open = (sealed: string) => secrets.open(sealed, peppolSecretContext(accountId));
  const smpUrl = s.smp_url ?? undefined;
  const config: AccessPointConfig =
    s.kind === 'service-provider'
      ? {
          kind: 'service-provider',
          baseUrl: s.base_url!,
          apiKey: open(s.api_key_sealed!),
          registrationId: s.registration_id!,
          smpUrl,
        }
      : { kind: 'gateway', url: s.url!, token: s.token_sealed ? open(s.token_sealed) : undefined, smpUrl };
  const participant = parseParticipantId(s.participant_id);
  if (!participant) throw new Error(`Stored participant id ${s.participant_id} does not parse`);
  return { config, participant };
}

export const notConfigured = () =>
  new DomainError(
    'conflict',
    'The account has no Peppol access point: set one with PUT /v1/account/peppol first.',
    [],
    { reason: 'peppol_not_configured' },
  );
