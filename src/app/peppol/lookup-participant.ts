import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { cacheParticipantLookup } from './cache-participant-lookup.js';
import { loadAccessPoint, notConfigured } from './load-access-point.js';
import { formatParticipantId } from '../../domain/einvoice/peppol-ids.js';
import { participantCandidates } from './participant-input.js';
import type { ParticipantId, ParticipantInfo, PeppolDeps, PeppolDocumentType } from './ports.js';

/** The adapters, and the installation's SMP (PEPPOL_SMP_URL) for settings that name none. */
type LookupDeps = PeppolDeps & { defaultSmpUrl?: string };

export interface LookupResult extends ParticipantInfo {
  /** Whether the answer came from the cache (an earlier lookup within the TTL). */
  cached: boolean;
  lookedUpAt: string;
}

/**
 * Is a participant on Peppol, and for which document types: the access point's own lookup where it offers one,
 * else the SMP of the settings or the installation's. Each answer is kept in `peppol_participants` for `lookupCacheSeconds`, shared by
 * every process (an answer of the account's own access point or SMP for that account only). A Belgian party is tried
 * under 0208 then 9925 (einvoice.md §4.8): the first registered wins, else the answer for the first. No transaction is held over the network call.
 */
export async function lookupParticipant(
  db: Tx,
  deps: LookupDeps,
  accountId: number,
  participant: ParticipantId,
  now: Date,
): Promise<LookupResult> {
  const ap = await loadAccessPoint(db, deps.secrets, accountId);
  if (!ap) throw notConfigured();
  let first: LookupResult | null = null;
  for (const candidate of participantCandidates(participant)) {
    const r = await lookupOne(db, deps, accountId, ap.config, candidate, now);
    if (r.registered) return r;
    first ??= r;
  }
  return first!;
}

async function lookupOne(
  db: Tx,
  deps: LookupDeps,
  accountId: number,
  config: Parameters<PeppolDeps['accessPoint']>[0],
  participant: ParticipantId,
  now: Date,
): Promise<LookupResult> {
  const accessPoint = deps.accessPoint(config);
  // The account names its access point and SMP, so what they answer is the account's alone: shared with every
  // account (and the public lookup) it would let one tenant's server say who is on Peppol for all the others.
  // Only the installation's SMP answers under the bare participant id.
  const installation = !accessPoint.lookup && !config.smpUrl;
  const key = installation
    ? formatParticipantId(participant)
    : `${formatParticipantId(participant)}#account:${accountId}`;
  const fresh = new Date(now.getTime() - deps.lookupCacheSeconds * 1000).toISOString();
  const hit = await db
    .selectFrom('peppol_participants')
    .selectAll()
    .where('participant', '=', key)
    .where('looked_up_at', '>', fresh)
    .executeTakeFirst();
  if (hit)
    return {
      participant,
      registered: hit.registered,
      documentTypes: hit.document_types,
      ...(hit.name ? { name: hit.name } : {}),
      cached: true,
      lookedUpAt: new Date(hit.looked_up_at).toISOString(),
    };
  let info: ParticipantInfo;
  if (accessPoint.lookup) info = await accessPoint.lookup(participant);
  else if (config.smpUrl ?? deps.defaultSmpUrl)
    info = await deps.smp((config.smpUrl ?? deps.defaultSmpUrl)!).lookup(participant);
  else
    throw new DomainError(
      'conflict',
      'The access point offers no participant lookup and no SMP is set: add smpUrl to the Peppol settings (or PEPPOL_SMP_URL).',
    );
  await cacheParticipantLookup(db, key, info, now);
  return { ...info, participant, cached: false, lookedUpAt: now.toISOString() };
}

/** Whether a lookup says the participant takes a document type (a lookup without a list takes any). */
export function takesDocumentType(info: ParticipantInfo, type: PeppolDocumentType): boolean {
  return (
    info.registered &&
    (info.documentTypes.length === 0 || info.documentTypes.some((d) => d.documentTypeId === type.documentTypeId))
  );
}

/** Whether a participant can be looked up at all with this access point (its own lookup, or an SMP). */
export function canLookUp(deps: LookupDeps, config: Parameters<PeppolDeps['accessPoint']>[0]): boolean {
  return !!(config.smpUrl ?? deps.defaultSmpUrl) || !!deps.accessPoint(config).lookup;
}
