import { formatParticipantId, parseParticipantId } from '../../domain/einvoice/peppol-ids.js';
import type { Db } from '../context.js';
import { forgetParticipantLookups } from './forget-participant-lookups.js';
import { listPeppolRegistrations, type PeppolRegistration } from './list-peppol-registrations.js';
import { loadAccessPoint, notConfigured } from './load-access-point.js';
import type { ParticipantId, PeppolDeps } from './ports.js';
import { registrationAtGateway, registrationFailed } from './registration-error.js';
import { registrationTargets } from './registration-targets.js';

/**
 * Removes the account's participant ids from Peppol through its access point: the ones asked (its own), else the
 * ones it registered, else its id under every scheme it is reached by. Each id the access point let go is no longer
 * recorded and its cached lookups are dropped at once. No transaction is held over the network call.
 */
export async function unregisterParticipants(
  db: Db,
  deps: PeppolDeps,
  accountId: number,
  input: { participants?: ParticipantId[] },
): Promise<PeppolRegistration[]> {
  const ap = await loadAccessPoint(db, deps.secrets, accountId);
  if (!ap) throw notConfigured();
  const recorded = (await listPeppolRegistrations(db, accountId))
    .map((r) => parseParticipantId(r.participantId))
    .filter((p): p is ParticipantId => !!p);
  // What the account registered itself stays its own to remove, even after its participant id was changed.
  const targets =
    !input.participants?.length && recorded.length ? recorded : registrationTargets(ap.participant, input.participants);
  const accessPoint = deps.accessPoint(ap.config);
  if (!accessPoint.unregister) throw registrationAtGateway();
  for (const target of targets) {
    const r = await accessPoint.unregister(target);
    if (r.outcome !== 'done') throw registrationFailed('unregister', target, r);
    const participant = formatParticipantId(target);
    await db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('peppol_registrations')
        .where('account_id', '=', accountId)
        .where('participant', '=', participant)
        .execute();
      await forgetParticipantLookups(tx, participant);
    });
  }
  return listPeppolRegistrations(db, accountId);
}
