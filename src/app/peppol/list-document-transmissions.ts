import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import type { TransmissionRow } from './transmission-view.js';

/** A document's Peppol sends, the latest first (its current delivery state is the first). */
export async function listDocumentTransmissions(
  tx: Tx,
  accountId: number,
  documentId: number,
): Promise<TransmissionRow[]> {
  const doc = await tx
    .selectFrom('documents')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!doc) throw notFound('document', documentId);
  return tx
    .selectFrom('peppol_transmissions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('document_id', '=', documentId)
    .orderBy('id', 'desc')
    .execute();
}
