import type { Route } from '../context.js';

/** InvoiceXpress invoices, simplified_invoices, invoice_receipts, credit_notes, debit_notes, vat_moss_invoices: create, get, update, list, change-state, related documents. */
export function documentRoutes(route: Route): void {
  void route;
}
