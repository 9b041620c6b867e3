import type { Tx } from '../context.js';

export interface DeletedOrder {
  orderId: number;
  orderType: string;
  orderDirection: 'Income' | 'Cost';
  /** The legal number of an issued order (cancelled, number kept); null for a deleted draft. */
  number: string | null;
  date: string | null;
  deletedAt: string;
}

/** The orders Billit deleted, oldest deletion first (ties by id), one page; filtered and paged in SQL. */
export async function listDeletedOrders(
  tx: Tx,
  accountId: number,
  page: { offset: number; limit: number },
): Promise<{ items: DeletedOrder[]; total: number }> {
  const base = tx
    .selectFrom('billit_orders as bo')
    .leftJoin('documents as d', (j) =>
      j.onRef('d.id', '=', 'bo.document_id').onRef('d.account_id', '=', 'bo.account_id'),
    )
    .where('bo.account_id', '=', accountId)
    .where('bo.deleted_at', 'is not', null);
  const rows = await base
    .select(['bo.order_id', 'bo.order_type', 'bo.order_direction', 'bo.deleted_at', 'd.doc_no', 'd.doc_date'])
    .orderBy('bo.deleted_at')
    .orderBy('bo.order_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  return {
    items: rows.map((r) => ({
      orderId: Number(r.order_id),
      orderType: r.order_type,
      orderDirection: r.order_direction,
      number: r.doc_no,
      date: r.doc_date,
      deletedAt: r.deleted_at!,
    })),
    total: Number(count?.n ?? 0),
  };
}
