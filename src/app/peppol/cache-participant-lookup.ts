import type { Tx } from '../context.js';
import type { ParticipantInfo } from './ports.js';

/** Keeps a lookup's answer in `peppol_participants` under `key` (the participant id, scoped to an account or not). */
export async function cacheParticipantLookup(db: Tx, key: string, info: ParticipantInfo, now: Date): Promise<void> {
  const values = {
    registered: info.registered,
    document_types: JSON.stringify(info.documentTypes),
    name: info.name ?? null,
    looked_up_at: now.toISOString(),
  };
  await db
    .insertInto('peppol_participants')
    .values({ participant: key, ...values })
    .onConflict((oc) => oc.column('participant').doUpdateSet(values))
    .execute();
}
