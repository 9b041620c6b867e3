import type { Route } from '../context.js';

/** InvoiceXpress items. */
export function itemRoutes(route: Route): void {
  void route;
}
