import { listBookingEntries } from '../../../app/billit/list-booking-entries.js';
import { loadCostOrder } from '../../../app/billit/load-cost-order.js';
import { loadOrders } from '../../../app/billit/load-orders.js';
import { BillitError } from '../billit-error.js';
import type { Call, Route } from '../context.js';
import { purchaseIdOf } from '../order-ids.js';
import { bookingEntryView } from '../views/booking-entry.js';
import { costOrderView } from '../views/cost-order.js';
import { orderView } from '../views/order.js';

/** The order's booking entries (PUT …/bookingEntries, POST …/booking), as Billit shows them on the order. */
const bookingEntries = async (c: Call) =>
  ((await listBookingEntries(c.db, c.accountId, [c.id])).get(c.id) ?? []).map(bookingEntryView);

/**
 * `GET /v1/orders/{id}`: the full order, a sale (a document) or a Cost order (a received purchase document). An
 * OrderID the party does not own answers 401, as Billit does (D 401.md): clients take 404 for "deleted". Its booking entries
 * (a side table, never part of the legal document) are shown as `BookingEntries`.
 */
export function registerOrdersGet(route: Route): void {
  route('GET', '/orders/:id', {}, async (c) => {
    const purchaseId = purchaseIdOf(c.id);
    if (purchaseId) {
      const cost = await loadCostOrder(c.db, c.accountId, c.id, purchaseId);
      if (!cost || cost.tracking.deletedAt) throw BillitError.unauthorized();
      return { ...costOrderView(cost), BookingEntries: await bookingEntries(c) };
    }
    const [order] = c.id ? await loadOrders(c.db, c.accountId, [c.id]) : [];
    if (!order || order.tracking.deletedAt) throw BillitError.unauthorized();
    return { ...orderView(order), BookingEntries: await bookingEntries(c) };
  });
}
