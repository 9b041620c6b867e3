import type { Tx } from '../context.js';
import type { BookingEntry } from './booking-entry.js';

/**
 * The booking entries of orders of the account, per order id, each order's in the order they were written: one
 * statement for a whole page of orders. An order without entries maps to [].
 */
export async function listBookingEntries(
  tx: Tx,
  accountId: number,
  orderIds: readonly number[],
): Promise<Map<number, BookingEntry[]>> {
  const out = new Map<number, BookingEntry[]>(orderIds.map((id) => [id, []]));
  if (!orderIds.length) return out;
  const rows = await tx
    .selectFrom('billit_booking_entries')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('order_id', 'in', [...orderIds])
    .orderBy('order_id')
    .orderBy('position')
    .execute();
  for (const r of rows) out.get(Number(r.order_id))?.push(entryOf(r));
  return out;
}

function entryOf(r: {
  gl_account: string | null;
  amount: BookingEntry['amount'];
  vat_percentage: BookingEntry['vatPercentage'];
  vat_amount: BookingEntry['vatAmount'];
  description: BookingEntry['description'];
  journal: BookingEntry['journal'];
  extra: unknown;
}): BookingEntry {
  return {
    glAccount: r.gl_account,
    amount: r.amount,
    vatPercentage: r.vat_percentage,
    vatAmount: r.vat_amount,
    description: r.description,
    journal: r.journal,
    extra:
      typeof r.extra === 'string'
        ? (JSON.parse(r.extra) as Record<string, unknown>)
        : ((r.extra ?? {}) as Record<string, unknown>),
  };
}
