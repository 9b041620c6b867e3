import type { Route } from '../context.js';

/** InvoiceXpress quotes, proformas, fees_notes: create, get, update, list, change-state. */
export function estimateRoutes(route: Route): void {
  void route;
}
