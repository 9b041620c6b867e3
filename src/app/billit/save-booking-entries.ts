import type { Tx } from '../context.js';
import type { BookingEntry } from './booking-entry.js';

/**
 * Writes the booking entries of an order the caller checked is the account's: `replace` drops the ones it had
 * (Billit's PUT …/bookingEntries), `add` puts these after them (POST …/booking).
 */
export async function saveBookingEntries(
  tx: Tx,
  accountId: number,
  orderId: number,
  entries: BookingEntry[],
  mode: 'replace' | 'add',
): Promise<void> {
  let start = 0;
  if (mode === 'replace') {
    await tx
      .deleteFrom('billit_booking_entries')
      .where('account_id', '=', accountId)
      .where('order_id', '=', orderId)
      .execute();
  } else {
    const last = await tx
      .selectFrom('billit_booking_entries')
      .select((eb) => eb.fn.max('position').as('n'))
      .where('account_id', '=', accountId)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    start = last?.n === null || last?.n === undefined ? 0 : Number(last.n) + 1;
  }
  if (!entries.length) return;
  await tx
    .insertInto('billit_booking_entries')
    .values(
      entries.map((e, i) => ({
        account_id: accountId,
        order_id: orderId,
        position: start + i,
        gl_account: e.glAccount,
        amount: e.amount,
        vat_percentage: e.vatPercentage,
        vat_amount: e.vatAmount,
        description: e.description,
        journal: e.journal,
        extra: JSON.stringify(e.extra),
      })),
    )
    .execute();
}
