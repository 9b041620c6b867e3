import { sql } from 'kysely';
import type { Tx } from '../context.js';

/**
 * Drops every cached lookup of a participant (the installation's and each account's), so the next lookup asks the
 * access point or SMP again: after a registration changes, a cached "not registered" would stay wrong for the TTL.
 */
export async function forgetParticipantLookups(tx: Tx, participant: string): Promise<void> {
  const scoped = `${participant}#account:`;
  await tx
    .deleteFrom('peppol_participants')
    .where((eb) =>
      eb.or([eb('participant', '=', participant), eb(sql<string>`left(participant, ${scoped.length})`, '=', scoped)]),
    )
    .execute();
}
