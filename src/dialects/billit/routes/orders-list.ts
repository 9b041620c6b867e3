import { listBookingEntries } from '../../../app/billit/list-booking-entries.js';
import { listDeletedOrders } from '../../../app/billit/list-deleted-orders.js';
import { loadCostOrder } from '../../../app/billit/load-cost-order.js';
import { loadOrders } from '../../../app/billit/load-orders.js';
import { queryOrders } from '../../../app/billit/query-orders.js';
import { nextPageLink, parseODataQuery } from '../../../http/kit/odata/index.js';
import { BillitError } from '../billit-error.js';
import type { Call, Route } from '../context.js';
import { billitDateTime } from '../dates.js';
import { ORDER_PAGE, orderQueryOf } from '../odata-orders.js';
import { bookingEntryView } from '../views/booking-entry.js';
import { costOrderView } from '../views/cost-order.js';
import { orderView } from '../views/order.js';

/** The request's raw query string: OData is read from it so `+` and `%27` decode as a form would. */
const searchOf = (c: Call) => {
  const at = c.request.url.indexOf('?');
  return at < 0 ? '' : c.request.url.slice(at + 1);
};

/**
 * `GET /v1/orders` (OData `$filter`/`$orderby`/`$top`/`$skip` and `fullTextSearch`, filtered, sorted and paged in
 * SQL) → `{Items, NextPageLink, Count}`, NextPageLink absolute under the prefix the request came through, null on
 * the last page. `GET /v1/orders/deleted`: the orders deleted through Billit, in the same envelope.
 */
export function registerOrdersList(route: Route): void {
  route('GET', '/orders', {}, async (c) => {
    const search = searchOf(c);
    const { query, odata } = orderQueryOf(search, c.accountId);
    const page = await queryOrders(c.db, c.accountId, query);
    const sales = await loadOrders(
      c.db,
      c.accountId,
      page.items.flatMap((r) => (r.documentId === null ? [] : [r.documentId])),
    );
    const byId = new Map(sales.map((o) => [o.orderId, o]));
    // Each item is the order as GET /v1/orders/{id} shows it, booking entries included (one read for the page).
    const entries = await listBookingEntries(
      c.db,
      c.accountId,
      page.items.map((r) => r.orderId),
    );
    const booking = (id: number) => ({ BookingEntries: (entries.get(id) ?? []).map(bookingEntryView) });
    const items = [];
    for (const r of page.items) {
      if (r.purchaseDocumentId !== null) {
        const cost = await loadCostOrder(c.db, c.accountId, r.orderId, r.purchaseDocumentId);
        if (cost) items.push({ ...costOrderView(cost), ...booking(r.orderId) });
      } else {
        const sale = byId.get(r.documentId!);
        if (sale) items.push({ ...orderView(sale), ...booking(r.orderId) });
      }
    }
    return {
      Items: items,
      NextPageLink: nextPageLink({ baseUrl: c.baseUrl, path: '/orders', search, query: odata, total: page.total }),
      Count: page.total,
    };
  });

  route('GET', '/orders/deleted', {}, async (c) => {
    const search = searchOf(c);
    let odata;
    try {
      odata = parseODataQuery(search, { defaultTop: ORDER_PAGE, maxTop: ORDER_PAGE });
    } catch (err) {
      throw BillitError.generic(err instanceof Error ? err.message : String(err));
    }
    const page = await listDeletedOrders(c.db, c.accountId, { offset: odata.skip, limit: odata.top });
    return {
      Items: page.items.map((o) => ({
        OrderID: o.orderId,
        OrderNumber: o.number,
        OrderType: o.orderType,
        OrderDirection: o.orderDirection,
        OrderDate: billitDateTime(o.date),
        DeletedDate: billitDateTime(o.deletedAt),
        LastModified: billitDateTime(o.deletedAt),
      })),
      NextPageLink: nextPageLink({
        baseUrl: c.baseUrl,
        path: '/orders/deleted',
        search,
        query: odata,
        total: page.total,
      }),
      Count: page.total,
    };
  });
}
