import type { Tx } from '../context.js';
import type { PeppolDocumentType } from './ports.js';

export interface PeppolRegistration {
  participantId: string;
  documentTypes: PeppolDocumentType[];
  registeredAt: string;
}

/** The participant ids the account registered through its access point, in id order. */
export async function listPeppolRegistrations(tx: Tx, accountId: number): Promise<PeppolRegistration[]> {
  const rows = await tx
    .selectFrom('peppol_registrations')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('participant')
    .execute();
  return rows.map((r) => ({
    participantId: r.participant,
    documentTypes: r.document_types,
    registeredAt: new Date(r.registered_at).toISOString(),
  }));
}
