import { sql } from 'kysely';
import type { Tx } from '../context.js';
import { type SaftScope, inScope } from './saft-scope.js';

/** Where the previous page ended: documents are read in (date, id) order, the order of the `documents_list` index. */
export interface SaftCursor {
  date: string;
  id: number;
}

/**
 * One keyset page of the documents of a SAF-T table, with what their records need from other tables:
 * the customer's code, the rectified document's number and the payment mechanism.
 */
export async function listSaftDocuments(
  tx: Tx,
  accountId: number,
  scope: SaftScope,
  after: SaftCursor | null,
  limit: number,
) {
  return tx
    .selectFrom('documents as d')
    .leftJoin('contacts as c', (j) => j.onRef('c.account_id', '=', 'd.account_id').onRef('c.id', '=', 'd.contact_id'))
    .leftJoin('documents as r', (j) =>
      j.onRef('r.account_id', '=', 'd.account_id').onRef('r.id', '=', 'd.related_document_id'),
    )
    .leftJoin('payment_methods as pm', (j) =>
      j.onRef('pm.account_id', '=', 'd.account_id').onRef('pm.id', '=', 'd.payment_method_id'),
    )
    .where(inScope(accountId, scope))
    .$if(after !== null, (q) =>
      q.where((eb) => eb(eb.refTuple('d.doc_date', 'd.id'), '>', eb.tuple(after!.date, after!.id))),
    )
    .select([
      'd.id',
      'd.doc_type',
      'd.status',
      'd.doc_no',
      'd.doc_date',
      'd.tax_point_date',
      'd.system_entry_date',
      'd.status_date',
      'd.user_id',
      'd.contact_id',
      'd.load_address',
      'd.unload_address',
      'd.load_at',
      'd.unload_at',
      'd.vehicle_plate',
      'd.currency',
      'd.exchange_rate',
      'd.observations',
      'd.reference',
      'd.withholding_type',
      'd.withholding_rate',
      'd.net_total',
      'd.tax_total',
      'd.gross_total',
      'd.withholding_total',
      'd.payable_total',
      'd.currency_total',
      'd.hash',
      'd.hash_control',
      'd.atcud',
      'd.cancel_reason',
      'd.at_code',
      'd.related_document_id',
      'r.doc_no as related_doc_no',
      'pm.saft_code as payment_mechanism',
      sql<
        string | null
      >`coalesce(c.code, (select fc.code from contacts fc where fc.account_id = d.account_id and fc.is_final_consumer))`.as(
        'customer_code',
      ),
    ])
    .orderBy('d.doc_date')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

export type SaftDocumentRow = Awaited<ReturnType<typeof listSaftDocuments>>[number];
