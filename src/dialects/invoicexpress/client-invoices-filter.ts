import type { DocumentFilter } from '../../app/documents/list-documents.js';
import { IX_INVOICE_TYPES, ixTypeByName } from './doc-types.js';
import { IxError } from './ix-error.js';

const strings = (v: unknown): string[] => {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).flatMap(strings);
  return String(v).split(',').map((x) => x.trim()).filter(Boolean);
};

/**
 * The filters of `POST /clients/:id/invoices`: `{"filter":{"status":[…],"by_type":[…],"archived":[…]}}` in the body
 * (InvoiceXpress's docs), or the same names in the query string (GET). Undefined when nothing can match:
 * documents are never archived here, so `archived` alone selects nothing.
 */
export function clientInvoicesFilter(filter: Record<string, unknown>, query: Record<string, unknown>): Omit<DocumentFilter, 'contactId'> | undefined {
  const read = (key: string, ...aliases: string[]) => [key, ...aliases].flatMap((k) => [...strings(filter[k]), ...strings(query[k]), ...strings(query[`${k}[]`])]);
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
    const statuses = new Set<string>();
    if (states.includes('draft')) statuses.add('draft');
    if (states.includes('canceled') || states.includes('cancelled')) statuses.add('cancelled');
    const final = states.includes('final');
    const settled = states.includes('settled');
    if (final || settled) statuses.add('final');
    if (!statuses.size) return undefined;
    // final and settled are both the core's `final`, told apart by the paid flag (drafts are never paid). A mix the
    // flag cannot express (settled with drafts or canceled) lists every finalized document.
    if (settled && !final && statuses.size === 1) f.paid = true;
    if (final && !settled && !statuses.has('cancelled')) f.paid = false;
    f.statuses = [...statuses];
  }
  const archived = read('archived').map((s) => s.toLowerCase());
  if (archived.length && !archived.some((a) => a === 'non_archived' || a === '0' || a === 'false')) return undefined;
  return f;
}
