import type { DocumentFilter } from '../../app/documents/list-documents.js';
import { IX_INVOICE_TYPES, ixTypeByName } from './doc-types.js';
import { invoiceStatuses } from './invoice-statuses.js';
import { IxError } from './ix-error.js';
import { listValues } from './list-query.js';

/**
 * The filters of `POST /clients/:id/invoices`: `{"filter":{"status":[…],"by_type":[…],"archived":[…]}}` in the body
 * (InvoiceXpress's docs), or the same names in the query string (GET). Undefined when nothing can match:
 * documents are never archived here, so `archived` alone selects nothing.
 */
export function clientInvoicesFilter(
  filter: Record<string, unknown>,
  query: Record<string, unknown>,
): Omit<DocumentFilter, 'contactId'> | undefined {
  const read = (key: string, ...aliases: string[]) =>
    [key, ...aliases].flatMap((k) => [
      ...listValues(filter[k]),
      ...listValues(query[k]),
      ...listValues(query[`${k}[]`]),
    ]);
  const f: Omit<DocumentFilter, 'contactId'> = {};
  const typeNames = read('by_type', 'type');
  const types = typeNames.map((n) => {
    const t = ixTypeByName(n);
    if (!t) throw new IxError(422, [`Type ${n} is not valid`]);
    return t;
  });
  f.types = [...new Set((types.length ? types : IX_INVOICE_TYPES).map((t) => t.core))];

  const states = read('status').map((s) => s.toLowerCase());
  if (states.length) {
    const s = invoiceStatuses(states);
    if (!s) return undefined;
    // A mix the paid flag cannot express (settled with drafts or canceled) lists every finalized document.
    if (s.settled && !s.final && s.statuses.length === 1) f.paid = true;
    if (s.final && !s.settled && !s.statuses.includes('cancelled')) f.paid = false;
    f.statuses = s.statuses;
  }
  const archived = read('archived').map((s) => s.toLowerCase());
  if (archived.length && !archived.some((a) => a === 'non_archived' || a === '0' || a === 'false')) return undefined;
  return f;
}
