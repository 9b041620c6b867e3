import type { Selectable } from 'kysely';
import type { PurchaseDocumentsTable } from '../../infra/db/schema.js';

export type PurchaseDocumentRow = Omit<Selectable<PurchaseDocumentsTable>, 'xml' | 'pdf'> & { has_pdf: boolean };

/** A received document as every surface shows it (without its XML and PDF, fetched apart). */
export interface PurchaseDocumentView {
  id: number;
  source: string;
  transmissionId: string | null;
  sender: string | null;
  receiver: string | null;
  syntax: 'ubl' | 'cii';
  typeCode: string | null;
  number: string | null;
  issueDate: string | null;
  dueDate: string | null;
  currency: string | null;
  supplier: { name: string | null; vatId: string | null };
  totals: { net: string | null; tax: string | null; gross: string | null; payable: string | null };
  pdf: { filename: string | null } | null;
  validation: { valid: boolean; fatal: number; messages: string[] };
  status: 'received' | 'accepted' | 'refused';
  decisionReason: string | null;
  decidedAt: string | null;
  responseStatus: 'pending' | 'sent' | 'unsupported' | 'failed' | null;
  responseError: string | null;
  receivedAt: string;
}

/** The columns of a view: everything but the XML and PDF bytes. */
export const VIEW_COLUMNS = [
  'id',
  'account_id',
  'source',
  'transmission_id',
  'sender_id',
  'receiver_id',
  'syntax',
  'type_code',
  'supplier_name',
  'supplier_vat_id',
  'number',
  'issue_date',
  'due_date',
  'currency',
  'net_amount',
  'tax_amount',
  'gross_amount',
  'payable_amount',
  'pdf_filename',
  'validation',
  'status',
  'decision_reason',
  'decided_at',
  'response_status',
  'response_error',
  'received_at',
] as const;

/** PostgreSQL timestamptz text → ISO 8601. */
const instant = (v: string | null): string | null =>
  v === null ? null : new Date(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')).toISOString();
const day = (v: string | null): string | null => (v === null ? null : v.slice(0, 10));

export function purchaseView(r: PurchaseDocumentRow): PurchaseDocumentView {
  return {
    id: Number(r.id),
    source: r.source,
    transmissionId: r.transmission_id,
    sender: r.sender_id,
    receiver: r.receiver_id,
    syntax: r.syntax,
    typeCode: r.type_code,
    number: r.number,
    issueDate: day(r.issue_date),
    dueDate: day(r.due_date),
    currency: r.currency,
    supplier: { name: r.supplier_name, vatId: r.supplier_vat_id },
    totals: {
      net: r.net_amount,
      tax: r.tax_amount,
      gross: r.gross_amount,
      payable: r.payable_amount,
    },
    pdf: r.has_pdf ? { filename: r.pdf_filename } : null,
    validation: r.validation,
    status: r.status,
    decisionReason: r.decision_reason,
    decidedAt: instant(r.decided_at),
    responseStatus: r.response_status,
    responseError: r.response_error,
    receivedAt: instant(r.received_at)!,
  };
}
