import type { Tx } from '../context.js';
import type { BookingEntry } from './booking-entry.js';

/** The booking entries of an order of the account, in the order they were written. */
export async function listBookingEntries(tx: Tx, accountId: number, orderId: number): Promise<BookingEntry[]> {
  const rows = await tx
    .selectFrom('billit_booking_entries')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('order_id', '=', orderId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    glAccount: r.gl_account,
    amount: r.amount,
    vatPercentage: r.vat_percentage,
    vatAmount: r.vat_amount,
    description: r.description,
    journal: r.journal,
    extra: typeof r.extra === 'string' ? (JSON.parse(r.extra) as Record<string, unknown>) : (r.extra ?? {}),
  }));
}
