import { belgianParticipantCandidates } from '../../domain/einvoice/peppol-ids.js';
import type { ParticipantId } from './ports.js';

/**
 * Where a party may be reached, in order: a Belgian one under 0208 then 9925 (einvoice.md §4.8: 0208 is the
 * registration due since 2026-01-01, some receivers are still only under 9925); any other under its own id.
 */
export function participantCandidates(p: ParticipantId): ParticipantId[] {
  if (p.scheme === '0208' || p.scheme === '9925') {
    const both = belgianParticipantCandidates(p.value);
    if (both.length) return both;
  }
  return [p];
}
