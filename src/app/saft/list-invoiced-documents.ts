import { sql } from 'kysely';
import type { Tx } from '../context.js';

/**
 * Which of these documents (guides, working documents) had their lines carried into an issued invoice, and when
 * the latest such invoice was entered. NOTE: P302 4.2.3.3.1, 4.3.4.3.1 — status F "faturado".
 */
export async function listInvoicedDocuments(
  tx: Tx,
  accountId: number,
  documentIds: readonly number[],
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!documentIds.length) return out;
  const rows = await tx
    .selectFrom('document_lines as l')
    .innerJoin('documents as d', (j) =>
      j.onRef('d.account_id', '=', 'l.account_id').onRef('d.id', '=', 'l.document_id'),
    )
    .where('l.account_id', '=', accountId)
    .where('l.origin_document_id', 'in', [...documentIds])
    .where('d.status', '=', 'final')
    .where('d.doc_type', 'in', ['FT', 'FS', 'FR'])
    .select(['l.origin_document_id', sql<string>`max(d.system_entry_date)`.as('invoiced_at')])
    .groupBy('l.origin_document_id')
    .execute();
  for (const r of rows) out.set(r.origin_document_id!, r.invoiced_at);
  return out;
}
