import type { Tx } from '../context.js';

/** What a page of receipts settles: each settled document with the totals and tax groups a payment line splits. */
export async function listSaftSettlements(tx: Tx, accountId: number, receiptIds: readonly number[]) {
  if (!receiptIds.length) return [];
  return tx
    .selectFrom('settlements as s')
    .innerJoin('documents as o', (j) =>
      j.onRef('o.account_id', '=', 's.account_id').onRef('o.id', '=', 's.document_id'),
    )
    .where('s.account_id', '=', accountId)
    .where('s.receipt_id', 'in', [...receiptIds])
    .select([
      's.id',
      's.receipt_id',
      's.amount',
      'o.id as document_id',
      'o.doc_no',
      'o.doc_date',
      'o.doc_type',
      'o.net_total',
      'o.tax_total',
      'o.gross_total',
      'o.withholding_total',
      'o.withholding_type',
      'o.payable_total',
      'o.tax_summary',
    ])
    .orderBy('s.receipt_id')
    .orderBy('s.id')
    .execute();
}

export type SaftSettlementRow = Awaited<ReturnType<typeof listSaftSettlements>>[number];
