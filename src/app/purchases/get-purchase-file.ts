import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { purchaseNotFound } from './get-purchase-document.js';

export type PurchaseFile =
  | { kind: 'xml'; xml: string; number: string | null }
  | { kind: 'pdf'; bytes: Uint8Array; filename: string | null; number: string | null };

/** The received XML as it arrived, byte for byte, or the PDF embedded in it (not found when it had none). */
export async function getPurchaseFile(
  tx: Tx,
  accountId: number,
  id: number,
  kind: 'xml' | 'pdf',
): Promise<PurchaseFile> {
  if (kind === 'xml') {
    const row = await tx
      .selectFrom('purchase_documents')
      .select(['xml', 'number'])
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw purchaseNotFound(id);
    return { kind, xml: row.xml, number: row.number };
  }
  const row = await tx
    .selectFrom('purchase_documents')
    .select(['pdf', 'pdf_filename', 'number'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw purchaseNotFound(id);
  if (!row.pdf) throw new DomainError('not_found', `Received document ${id} has no embedded PDF.`, [], { id });
  return { kind, bytes: row.pdf, filename: row.pdf_filename, number: row.number };
}
