import type { Route } from '../context.js';

/** InvoiceXpress shippings, transports, devolutions: create, get, update, list, change-state. */
export function guideRoutes(route: Route): void {
  void route;
}
