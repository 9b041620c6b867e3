import { DomainError, notFound } from '../../domain/errors.js';
import type { Ctx, Tx } from '../context.js';
import { atServiceOf } from './communicate-document.js';
import { recordAtCommunication } from './record-at-communication.js';

/**
 * Records by hand the code AT gave a transport document (obtained on the Portal, by phone, or when the
 * webservice was down: RBC art. 5.º n.º 6). at_code stays changeable on finalized documents; null clears it.
 */
export async function setAtCode(tx: Tx, ctx: Ctx, documentId: number, atCode: string | null) {
  const value = atCode === null ? null : String(atCode).trim();
  if (value !== null && (!value || value.length > 200 || !/^[\x21-\x7E]+$/.test(value))) {
    throw new DomainError('validation', 'Invalid AT code.', [
      { field: 'atCode', issue: 'invalid', message: '1 to 200 printable characters without spaces; null clears it.' },
    ]);
  }
  const doc = await tx
    .selectFrom('documents')
    .select(['id', 'doc_type', 'status', 'at_code'])
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', documentId)
    .forUpdate()
    .executeTakeFirst();
  if (!doc) throw notFound('document', documentId);
  if (atServiceOf(doc.doc_type) !== 'transport')
    throw new DomainError('validation', 'Only transport documents (GT GR GA GC GD) carry an AT code.', [
      { field: 'id', issue: 'invalid', message: 'Not a transport document.' },
    ]);
  if (doc.status === 'draft')
    throw new DomainError('document_not_final', 'Finalize the document before recording its AT code.');
  await tx
    .updateTable('documents')
    .set({ at_code: value })
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', documentId)
    .execute();
  const settings = await tx
    .selectFrom('at_settings')
    .select('environment')
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  await recordAtCommunication(tx, {
    accountId: ctx.accountId,
    documentId,
    service: 'transport',
    operation: 'manualAtCode',
    environment: settings?.environment ?? 'test',
    status: 'success',
    atCode: value,
    returnMessage:
      value === null
        ? `AT code ${doc.at_code ?? ''} cleared by hand.`
        : `AT code entered by hand${doc.at_code ? ` (was ${doc.at_code})` : ''}.`,
    request: { atCode: value, previous: doc.at_code },
    startedAt: ctx.now,
    final: true,
  });
}
