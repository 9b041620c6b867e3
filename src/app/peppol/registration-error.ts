import { DomainError } from '../../domain/errors.js';
import { formatParticipantId } from '../../domain/einvoice/peppol-ids.js';
import type { ParticipantId, RegistrationResult } from './ports.js';

/** A gateway has no registration API: its access point's SMP is run apart from Faturador. */
export const registrationAtGateway = () =>
  new DomainError(
    'conflict',
    "The account's access point is an SBDH gateway, which has no registration API: register the participant at the gateway's SMP.",
    [],
    { reason: 'peppol_registration_at_gateway' },
  );

/** What a (un)registration the access point did not do comes to (refused, or it could not be reached). */
export function registrationFailed(
  act: 'register' | 'unregister',
  participant: ParticipantId,
  r: Exclude<RegistrationResult, { outcome: 'done' }>,
): DomainError {
  const id = formatParticipantId(participant);
  if (r.outcome === 'unavailable')
    return new DomainError('conflict', `The access point could not ${act} ${id} (${r.reason}); try again later.`, [], {
      reason: 'peppol_access_point_unavailable',
    });
  return new DomainError('conflict', `The access point refused to ${act} ${id}: ${r.reason}`, [], {
    reason: 'peppol_registration_refused',
    ...(r.code ? { accessPointCode: r.code } : {}),
  });
}
