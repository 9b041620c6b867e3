import type { Kysely } from 'kysely';
import { einvoiceTypeCode } from '../../domain/einvoice/from-issued.js';
import { DomainError } from '../../domain/errors.js';
import type { DB, PartySnapshot } from '../../infra/db/schema.js';
import { PermanentJobError, type Job } from '../../infra/jobs/worker.js';
import { queueDocumentEmail } from '../email/queue-document-email.js';
import { bis3DocumentType } from '../../domain/einvoice/peppol-ids.js';
import { loadAccessPoint } from './load-access-point.js';
import { canLookUp, lookupParticipant, takesDocumentType } from './lookup-participant.js';
import { formatParticipantId, parseParticipantId } from '../../domain/einvoice/peppol-ids.js';
import type { ParticipantId, PeppolSendDeps } from './ports.js';
import { recordTransmissionStatus, type TransmissionChange } from './record-transmission-status.js';

export const NOT_ON_PEPPOL = 'receiver not on Peppol';

/**
 * The outbox handler of `peppol.send`: builds the document's UBL from the issued-document model, validates it
 * (a fatal finding stops it: it never leaves), finds the receiver (0208, then 9925), and transmits it through the
 * account's access point with the transmission's instance id (the same on every retry). Transport faults throw so
 * the outbox retries with backoff, and the last attempt records `failed`; a refusal records `refused` with the
 * reason; a receiver not on Peppol gets the document by e-mail with the UBL attached, unless strict transport was
 * asked (`refused`, "receiver not on Peppol").
 */
export async function handlePeppolSendJob(db: Kysely<DB>, deps: PeppolSendDeps, job: Job, now: Date): Promise<void> {
  const id = Number(job.payload.transmissionId);
  if (!Number.isSafeInteger(id) || id < 1)
    throw new PermanentJobError(`Bad Peppol job payload ${JSON.stringify(job.payload)}`);
  const accountId = job.account_id;
  const t = await db
    .selectFrom('peppol_transmissions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!t || t.status !== 'queued') return;
  const attempts = t.attempts + 1;
  const lastAttempt = job.attempts >= job.max_attempts;
  const record = (change: TransmissionChange) =>
    db.transaction().execute((tx) => recordTransmissionStatus(tx, accountId, id, { attempts, ...change }));
  const stop = async (status: 'refused' | 'failed', reason: string): Promise<never> => {
    await record({ status, reason });
    throw new PermanentJobError(`Peppol transmission ${id} ${status}: ${reason}`);
  };
  /** A transport fault: retried by the outbox, `failed` on the last attempt. */
  const retry = async (reason: string): Promise<never> => {
    if (lastAttempt) return stop('failed', reason);
    await record({ reason });
    throw new Error(`Peppol transmission ${id}: ${reason}`);
  };

  const ap = await loadAccessPoint(db, deps.secrets, accountId);
  if (!ap) return stop('failed', 'The account has no Peppol access point any more.');
  // The document type the receiver must take: a credit note (381) is a UBL CreditNote, the rest Invoices.
  const doc = await db
    .selectFrom('documents')
    .select('doc_type')
    .where('account_id', '=', accountId)
    .where('id', '=', t.document_id)
    .executeTakeFirstOrThrow();
  const documentType = bis3DocumentType(einvoiceTypeCode(doc.doc_type) === '381' ? 'credit-note' : 'invoice');
  let receiver: ParticipantId | null = t.receiver ? parseParticipantId(t.receiver) : null;
  if (receiver && canLookUp(deps, ap.config)) {
    let info;
    try {
      info = await lookupParticipant(db, deps, accountId, receiver, now);
    } catch (err) {
      return retry(`Participant lookup: ${err instanceof Error ? err.message : String(err)}`);
    }
    receiver = takesDocumentType(info, documentType) ? info.participant : null;
  }
  if (!receiver) return notOnPeppol();

  let built: Awaited<ReturnType<PeppolSendDeps['einvoice']['build']>>;
  try {
    built = await deps.einvoice.build(db, accountId, t.document_id, receiver);
  } catch (err) {
    if (err instanceof DomainError) return stop('refused', err.message);
    throw err;
  }
  const validation = await deps.einvoice.validate(built.xml);
  if (!validation.valid)
    return stop(
      'refused',
      `The e-invoice has ${validation.fatal.length} fatal finding(s) and was not sent: ${validation.fatal.slice(0, 5).join(' | ')}`,
    );

  const result = await deps.accessPoint(ap.config).send({
    xml: built.xml,
    sender: ap.participant,
    receiver,
    documentType,
    instanceId: t.instance_id,
    createdAt: now,
  });
  switch (result.outcome) {
    case 'accepted':
      await record({
        status: result.delivered ? 'delivered' : 'sent',
        transmissionId: result.transmissionId,
        receiver: formatParticipantId(receiver),
        reason: null,
      });
      return;
    case 'refused':
      return stop('refused', result.code ? `${result.code}: ${result.reason}` : result.reason);
    case 'retryable':
      return retry(result.httpStatus ? `HTTP ${result.httpStatus}: ${result.reason}` : result.reason);
    case 'not_registered':
      return notOnPeppol();
  }

  async function notOnPeppol(): Promise<void> {
    if (t!.strict_transport) return stop('refused', NOT_ON_PEPPOL);
    const doc = await db
      .selectFrom('documents')
      .select('customer')
      .where('account_id', '=', accountId)
      .where('id', '=', t!.document_id)
      .executeTakeFirstOrThrow();
    const email = (doc.customer as PartySnapshot).email?.trim();
    if (!email) return stop('refused', `${NOT_ON_PEPPOL}, and the customer has no e-mail address`);
    await db.transaction().execute(async (tx) => {
      const queued = await queueDocumentEmail(
        tx,
        { accountId, userId: null, now },
        t!.document_id,
        { to: email },
        { origin: 'request', attachEinvoice: true },
      );
      await recordTransmissionStatus(tx, accountId, id, {
        attempts,
        status: 'sent',
        transport: 'email',
        emailId: queued.id,
        reason: `${NOT_ON_PEPPOL}: sent by e-mail to ${email} with the UBL attached`,
      });
    });
  }
}
