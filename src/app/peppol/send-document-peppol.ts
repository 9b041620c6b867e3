import { randomUUID } from 'node:crypto';
import { partyIds } from '../../domain/einvoice/identifiers.js';
import { checkEinvoiceable } from '../../domain/einvoice/from-issued.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { PartySnapshot } from '../../infra/db/schema.js';
import type { Ctx, Tx } from '../context.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { notConfigured } from './load-access-point.js';
import { emitTransmissionEvent } from './record-transmission-status.js';
import type { TransmissionRow } from './transmission-view.js';

export const PEPPOL_SEND_JOB = 'peppol.send';
/** Attempts of a send on transport faults (the outbox's backoff between them) before it is `failed`. */
export const PEPPOL_SEND_MAX_ATTEMPTS = 10;

export interface PeppolSendRequest {
  /** Refuse rather than fall back to e-mail when the receiver is not on Peppol. */
  strictTransport?: boolean;
}

/**
 * Queues a finalized invoice-like document for Peppol delivery in the caller's transaction: records the transmission
 * `queued` (with its webhook event) and the `peppol.send` outbox job, which validates, wraps and transmits it.
 * A send already queued is answered again; a document already sent or delivered is not sent twice (409).
 * The receiver is the customer's electronic address (0208 enterprise number for a Belgian company, einvoice.md §4.2).
 */
export async function sendDocumentPeppol(
  tx: Tx,
  ctx: Ctx,
  documentId: number,
  req: PeppolSendRequest = {},
): Promise<TransmissionRow> {
  const doc = await tx
    .selectFrom('documents')
    .select(['id', 'doc_type', 'status', 'customer'])
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!doc) throw notFound('document', documentId);
  checkEinvoiceable({ id: doc.id, type: doc.doc_type as never, status: doc.status });
  const settings = await tx
    .selectFrom('peppol_settings')
    .select('account_id')
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  if (!settings) throw notConfigured();
  const latest = await tx
    .selectFrom('peppol_transmissions')
    .selectAll()
    .where('account_id', '=', ctx.accountId)
    .where('document_id', '=', documentId)
    .orderBy('id', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (latest?.status === 'queued') return latest;
  if (latest && (latest.status === 'sent' || latest.status === 'delivered'))
    throw new DomainError(
      'conflict',
      `The document was already ${latest.status} (transmission ${latest.id}); it is not sent twice.`,
      [],
      { transmission: latest.id },
    );
  const customer = doc.customer as PartySnapshot;
  const endpoint = partyIds(customer.country, customer.taxId).endpoint;
  const row = await tx
    .insertInto('peppol_transmissions')
    .values({
      account_id: ctx.accountId,
      document_id: documentId,
      receiver: endpoint ? `${endpoint.scheme}:${endpoint.id}` : null,
      strict_transport: req.strictTransport === true,
      instance_id: randomUUID(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await emitTransmissionEvent(tx, row);
  await enqueueJob(tx, {
    accountId: ctx.accountId,
    kind: PEPPOL_SEND_JOB,
    payload: { transmissionId: row.id },
    dedupeKey: String(row.id),
    maxAttempts: PEPPOL_SEND_MAX_ATTEMPTS,
  });
  return row;
}
