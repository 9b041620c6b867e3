import type { Tx } from '../context.js';

/** The lines of a page of documents, with the number, date and type of the document each line was carried from. */
export async function listSaftLines(tx: Tx, accountId: number, documentIds: readonly number[]) {
  if (!documentIds.length) return [];
  return tx
    .selectFrom('document_lines as l')
    .leftJoin('documents as o', (j) =>
      j.onRef('o.account_id', '=', 'l.account_id').onRef('o.id', '=', 'l.origin_document_id'),
    )
    .where('l.account_id', '=', accountId)
    .where('l.document_id', 'in', [...documentIds])
    .select([
      'l.id',
      'l.document_id',
      'l.position',
      'l.code',
      'l.description',
      'l.quantity',
      'l.unit',
      'l.unit_net_price',
      'l.net_amount',
      'l.discount_amount',
      'l.tax_type',
      'l.tax_region',
      'l.tax_code',
      'l.tax_rate',
      'l.exemption_code',
      'l.exemption_reason',
      'l.origin_document_id',
      'o.doc_no as origin_doc_no',
      'o.doc_date as origin_doc_date',
      'o.doc_type as origin_doc_type',
    ])
    .orderBy('l.document_id')
    .orderBy('l.position')
    .execute();
}

export type SaftLineRow = Awaited<ReturnType<typeof listSaftLines>>[number];
