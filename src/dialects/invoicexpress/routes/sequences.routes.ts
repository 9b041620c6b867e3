import type { Route } from '../context.js';

/** InvoiceXpress sequences and their AT registration. */
export function sequenceRoutes(route: Route): void {
  void route;
}
