import type { Kysely } from 'kysely';
import { formatParticipantId, parseParticipantId, type PeppolParticipant } from '../../domain/einvoice/peppol-ids.js';
import type { DB, PurchaseResponseStatus } from '../../infra/db/schema.js';
import { PermanentJobError, type Job } from '../../infra/jobs/worker.js';
import { loadAccessPoint } from '../peppol/load-access-point.js';
import type { PurchaseDeps } from './ports.js';

/** `scheme:value` as given: a participant id of another country is not checked like a Belgian one. */
function participantOf(id: string | null): PeppolParticipant | null {
  if (!id) return null;
  const strict = parseParticipantId(id);
  if (strict) return strict;
  const i = id.indexOf(':');
  return i > 0 ? { scheme: id.slice(0, i), value: id.slice(i + 1) } : null;
}

/**
 * The outbox handler of `peppol.inbox.respond`: sends the Invoice Response of a decided document (AP, or RE with
 * the reason) through the account's access point, where it sends responses; else the response is `unsupported`.
 * Transport faults throw so the outbox retries; the last attempt, or a refusal, records `failed`.
 */
export async function sendInvoiceResponse(db: Kysely<DB>, deps: PurchaseDeps, job: Job): Promise<void> {
  const id = Number(job.payload.purchaseDocumentId);
  if (!Number.isSafeInteger(id) || id < 1)
    throw new PermanentJobError(`Bad inbox response job payload ${JSON.stringify(job.payload)}`);
  const accountId = job.account_id;
  const doc = await db
    .selectFrom('purchase_documents')
    .select([
      'status',
      'decision_reason',
      'decided_at',
      'response_status',
      'transmission_id',
      'sender_id',
      'receiver_id',
      'supplier_name',
      'number',
      'issue_date',
      'type_code',
    ])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!doc || doc.response_status !== 'pending' || doc.status === 'received') return;
  const record = (status: PurchaseResponseStatus, error: string | null = null) =>
    db
      .updateTable('purchase_documents')
      .set({ response_status: status, response_error: error })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();

  const peppol = deps.peppol();
  const ap = await loadAccessPoint(db, peppol.secrets, accountId);
  const client = ap ? peppol.accessPoint(ap.config) : null;
  const supplier = participantOf(doc.sender_id);
  if (!ap || !client?.respond || !doc.transmission_id || !supplier) {
    await record('unsupported', ap ? null : 'The account has no Peppol access point.');
    return;
  }
  const account = await db
    .selectFrom('accounts')
    .select('legal_name')
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  const me = participantOf(doc.receiver_id) ?? ap.participant;
  const status = doc.status === 'accepted' ? 'AP' : 'RE';
  const xml = deps.invoiceResponse({
    id: `IR-${id}`,
    issueDate: String(doc.decided_at).slice(0, 10),
    sender: { endpoint: formatParticipantId(me), name: account.legal_name },
    receiver: { endpoint: formatParticipantId(supplier), name: doc.supplier_name },
    status,
    reason: doc.decision_reason,
    document: { number: doc.number ?? doc.transmission_id, issueDate: doc.issue_date, typeCode: doc.type_code },
  });
  const result = await client.respond({
    transmissionId: doc.transmission_id,
    status,
    reason: doc.decision_reason ?? undefined,
    xml,
    sender: me,
    receiver: supplier,
  });
  if (result.outcome === 'accepted') return void (await record('sent'));
  if (result.outcome === 'retryable' && job.attempts < job.max_attempts)
    throw new Error(`Invoice Response of received document ${id}: ${result.reason}`);
  await record('failed', result.reason);
}
