import { DomainError } from '../../domain/errors.js';
import { formatParticipantId } from '../../domain/einvoice/peppol-ids.js';
import { participantCandidates } from './participant-input.js';
import type { ParticipantId } from './ports.js';

const digits = (v: string) => v.replace(/\D/g, '');

/** Whether an id is the account's own number under any scheme (`9925:BE0123456749` for `0208:0123456749`). */
export function isOwnParticipant(own: ParticipantId, asked: ParticipantId): boolean {
  return digits(asked.value) !== '' && digits(asked.value) === digits(own.value);
}

/**
 * The ids a (un)registration is about: the ones asked, each of them the account's own number (an account registers
 * itself, never another company); else the account's own id under every scheme it is reached by (0208 and 9925 for a
 * Belgian company, einvoice.md §4.8).
 */
export function registrationTargets(own: ParticipantId, asked: ParticipantId[] | undefined): ParticipantId[] {
  if (!asked?.length) return participantCandidates(own);
  const foreign = asked.filter((a) => !isOwnParticipant(own, a));
  if (foreign.length)
    throw new DomainError(
      'validation',
      `Only the account's own participant id (${formatParticipantId(own)}) can be registered.`,
      foreign.map((f) => ({
        field: 'participantIds',
        issue: 'invalid',
        message: `${formatParticipantId(f)} is not this account's number.`,
        value: formatParticipantId(f),
      })),
      { reason: 'not_own_participant' },
    );
  const seen = new Set<string>();
  return asked.filter((a) => !seen.has(formatParticipantId(a)) && !!seen.add(formatParticipantId(a)));
}
