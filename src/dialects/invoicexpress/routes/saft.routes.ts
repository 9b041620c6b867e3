import type { Route } from '../context.js';

/** InvoiceXpress SAF-T export (202 then 200). */
export function saftRoutes(route: Route): void {
  void route;
}
