import type { Route } from '../context.js';

/** InvoiceXpress email-document for every document type. */
export function emailRoutes(route: Route): void {
  void route;
}
