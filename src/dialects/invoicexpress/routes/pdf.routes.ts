import type { Route } from '../context.js';

/** InvoiceXpress PDF (202 then 200) and QR codes. */
export function pdfRoutes(route: Route): void {
  void route;
}
