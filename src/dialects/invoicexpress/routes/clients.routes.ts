import type { Route } from '../context.js';

/** InvoiceXpress clients, find-by-name, find-by-code, a client's invoices. */
export function clientRoutes(route: Route): void {
  void route;
}
