import { loadOrders } from '../../../app/billit/load-orders.js';
import { BillitError } from '../billit-error.js';
import type { Route } from '../context.js';
import { orderView } from '../views/order.js';

/**
 * `GET /v1/orders/{id}`: the full order. An OrderID the party does not own answers 401, as Billit does (D 401.md):
 * clients take 404 for "deleted".
 */
export function registerOrdersGet(route: Route): void {
  route('GET', '/orders/:id', {}, async (c) => {
    const [order] = c.id ? await loadOrders(c.db, c.accountId, [c.id]) : [];
    if (!order || order.tracking.deletedAt) throw BillitError.unauthorized();
    return orderView(order);
  });
}
