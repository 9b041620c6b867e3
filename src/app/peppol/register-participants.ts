import { BIS3_BILLING_TYPES, formatParticipantId } from '../../domain/einvoice/peppol-ids.js';
import type { Db } from '../context.js';
import { forgetParticipantLookups } from './forget-participant-lookups.js';
import { listPeppolRegistrations, type PeppolRegistration } from './list-peppol-registrations.js';
import { loadAccessPoint, notConfigured } from './load-access-point.js';
import type { ParticipantId, PeppolDeps, PeppolDocumentType } from './ports.js';
import { registrationAtGateway, registrationFailed } from './registration-error.js';
import { registrationTargets } from './registration-targets.js';

export interface RegisterInput {
  /** The account's own ids to register; absent: its id under every scheme it is reached by. */
  participants?: ParticipantId[];
  /** Absent: Peppol BIS Billing 3.0 Invoice and CreditNote. */
  documentTypes?: PeppolDocumentType[];
}

/**
 * Registers the account's participant ids on Peppol through its access point, which publishes them in its SMP. Each
 * id the access point took is recorded and its cached lookups dropped at once (a failure on a later id leaves the
 * earlier ones registered and recorded, as they are). No transaction is held over the network call.
 */
export async function registerParticipants(
  db: Db,
  deps: PeppolDeps,
  accountId: number,
  input: RegisterInput,
): Promise<PeppolRegistration[]> {
  const ap = await loadAccessPoint(db, deps.secrets, accountId);
  if (!ap) throw notConfigured();
  const targets = registrationTargets(ap.participant, input.participants);
  const accessPoint = deps.accessPoint(ap.config);
  if (!accessPoint.register) throw registrationAtGateway();
  const types = input.documentTypes?.length ? input.documentTypes : [...BIS3_BILLING_TYPES];
  const documentTypes = types.map((t) => ({ documentTypeId: t.documentTypeId, processId: t.processId }));
  for (const target of targets) {
    const r = await accessPoint.register(target, documentTypes);
    if (r.outcome !== 'done') throw registrationFailed('register', target, r);
    const participant = formatParticipantId(target);
    await db.transaction().execute(async (tx) => {
      const values = { document_types: JSON.stringify(documentTypes), registered_at: new Date().toISOString() };
      await tx
        .insertInto('peppol_registrations')
        .values({ account_id: accountId, participant, ...values })
        .onConflict((oc) => oc.columns(['account_id', 'participant']).doUpdateSet(values))
        .execute();
      await forgetParticipantLookups(tx, participant);
    });
  }
  return listPeppolRegistrations(db, accountId);
}
