import type { Tx } from '../context.js';
import { cacheParticipantLookup } from './cache-participant-lookup.js';
import type { ParticipantId, ParticipantInfo, PeppolDeps } from './ports.js';

export interface PublicLookup extends ParticipantInfo {
  /** Where the answer came from: a fresh SMP lookup, the shared cache, or nothing known (no SMP, no cache entry). */
  source: 'smp' | 'cache' | 'none';
}

/**
 * Is a participant on Peppol, asked without an account (a vendor API's public lookup): the installation's SMP
 * (PEPPOL_SMP_URL), through the same `peppol_participants` cache the accounts' lookups fill. Without an SMP, or
 * when it cannot be reached, the last cached answer is given, whatever its age; with none, "not registered".
 * Exactly the id asked is looked up (no 0208/9925 alternatives: the caller chose the scheme).
 */
export async function lookupParticipantPublic(
  db: Tx,
  deps: Pick<PeppolDeps, 'smp' | 'lookupCacheSeconds'>,
  smpUrl: string | undefined,
  participant: ParticipantId,
  now: Date,
): Promise<PublicLookup> {
  const key = `${participant.scheme}:${participant.value}`;
  const cached = await db
    .selectFrom('peppol_participants')
    .selectAll()
    .where('participant', '=', key)
    .executeTakeFirst();
  const fromCache = (): PublicLookup =>
    cached
      ? {
          participant,
          registered: cached.registered,
          documentTypes: cached.document_types,
          ...(cached.name ? { name: cached.name } : {}),
          source: 'cache',
        }
      : { participant, registered: false, documentTypes: [], source: 'none' };
  const fresh = cached && new Date(cached.looked_up_at).getTime() > now.getTime() - deps.lookupCacheSeconds * 1000;
  if (fresh || !smpUrl) return fromCache();
  let info: ParticipantInfo;
  try {
    info = await deps.smp(smpUrl).lookup(participant);
  } catch {
    // An unreachable SMP is not an answer about the participant: keep what was known.
    return fromCache();
  }
  await cacheParticipantLookup(db, key, info, now);
  return { ...info, participant, source: 'smp' };
}
