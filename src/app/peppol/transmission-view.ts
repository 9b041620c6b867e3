import type { Selectable } from 'kysely';
import type { PeppolTransmissionsTable } from '../../infra/db/schema.js';

export type TransmissionRow = Selectable<PeppolTransmissionsTable>;

/** A send of a document as the API and the webhook events show it (`data.transmission`). */
export function transmissionView(t: TransmissionRow) {
  return {
    id: t.id,
    documentId: t.document_id,
    transport: t.transport,
    receiver: t.receiver,
    status: t.status,
    strictTransport: t.strict_transport,
    transmissionId: t.transmission_id,
    emailId: t.email_id,
    reason: t.reason,
    attempts: t.attempts,
    createdAt: new Date(t.created_at).toISOString(),
    updatedAt: new Date(t.updated_at).toISOString(),
  };
}

export type TransmissionView = ReturnType<typeof transmissionView>;
