import type { Kysely } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import type { DB } from '../../infra/db/schema.js';
import type { Ctx } from '../context.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { atServiceOf, communicateDocument, type CommunicationResult } from './communicate-document.js';
import { AT_INVOICE_JOB, AT_MAX_ATTEMPTS, AT_TRANSPORT_JOB } from './enqueue-at-communication.js';
import { requireAtCredentials } from './load-at-credentials.js';
import type { AtDeps } from './ports.js';
import { requirePortugueseAccount } from '../accounts/require-portuguese-account.js';

/**
 * Communicates a document to AT now (a transport guide before the goods leave; or a retry by hand after a
 * refusal was fixed). Whether or not automatic communication is on. When AT is unavailable the attempt is
 * handed to the outbox and the answer says so (`queued`).
 */
export async function communicateDocumentNow(
  db: Kysely<DB>,
  deps: AtDeps,
  ctx: Ctx,
  documentId: number,
): Promise<CommunicationResult & { queued: boolean }> {
  await requirePortugueseAccount(db, ctx.accountId, 'Communication with the AT (Autoridade Tributária) is');
  const doc = await db
    .selectFrom('documents')
    .select(['id', 'doc_type', 'status', 'doc_no'])
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!doc) throw notFound('document', documentId);
  const service = atServiceOf(doc.doc_type);
  if (!service)
    throw new DomainError('validation', `${doc.doc_type} documents are not communicated to AT.`, [
      {
        field: 'id',
        issue: 'invalid',
        message: 'Transport documents (GT GR GA GC GD) and invoices (FT FS FR NC ND) are.',
      },
    ]);
  if (doc.status === 'draft')
    throw new DomainError('document_not_final', 'Finalize the document before communicating it to AT.');
  await requireAtCredentials(db, deps, ctx.accountId, service);
  const event = doc.status === 'cancelled' ? 'cancel' : 'issue';
  const r = await communicateDocument(db, deps, ctx.accountId, documentId, event, { now: ctx.now, lastAttempt: false });
  if (r.status === 'permanent') {
    throw new DomainError('at_rejected', `AT refused ${doc.doc_no}${r.code ? ` (${r.code})` : ''}: ${r.message}`, [], {
      returnCode: r.code,
      communicationId: r.communicationId,
    });
  }
  if (r.status === 'retryable') {
    await enqueueJob(db, {
      accountId: ctx.accountId,
      kind: service === 'transport' ? AT_TRANSPORT_JOB : AT_INVOICE_JOB,
      payload: { documentId, event },
      dedupeKey: `${documentId}:${event}`,
      maxAttempts: AT_MAX_ATTEMPTS,
      delayMs: 30_000,
    });
    return { ...r, queued: true };
  }
  return { ...r, queued: false };
}
