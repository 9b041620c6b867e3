import type { Route } from '../context.js';

/** InvoiceXpress partial payments (receipts) and receipts' change-state. */
export function paymentRoutes(route: Route): void {
  void route;
}
