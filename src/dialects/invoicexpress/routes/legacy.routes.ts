import type { Route } from '../context.js';
import { IX_INVOICE_TYPES, type IxDocType, ixTypeByPath } from '../doc-types.js';
import { changeInvoiceDocumentState, getInvoiceDocument } from './documents.routes.js';
import { emailDocument } from './email.routes.js';

const cfg = { ixFields: { lines: 'items', customer: 'client', to: 'email' } };

/**
 * Legacy v1 paths old clients still call (singular resource, `email-invoice`): `/invoice/:id.xml`,
 * `/invoice/:id/change-state.xml`, `/invoice/:id/email-invoice.xml`, and the same under `simplified_invoice`,
 * `invoice_receipt`, `credit_note`, `debit_note`. `invoice` served every invoice type (clients send any invoice's id
 * there), the others their own. They map onto the v2 handlers. Change-state and e-mail are accepted as POST too:
 * the WidgiLabs PHP client sends its XML body without setting PUT.
 */
const LEGACY: readonly [string, readonly IxDocType[]][] = [
  ['invoice', IX_INVOICE_TYPES],
  ...(['simplified_invoices', 'invoice_receipts', 'credit_notes', 'debit_notes'] as const).map((p) => {
    const type = ixTypeByPath(p)!;
    return [type.root, [type]] as [string, readonly IxDocType[]];
  }),
];

export function legacyRoutes(route: Route): void {
  for (const [singular, types] of LEGACY) {
    route('GET', `/${singular}/:id`, cfg, getInvoiceDocument(types));
    for (const method of ['PUT', 'POST'] as const) {
      route(method, `/${singular}/:id/change-state`, cfg, changeInvoiceDocumentState(types));
      route(method, `/${singular}/:id/email-invoice`, cfg, emailDocument(types));
    }
  }
}
