import type { DocumentOverview } from '../../app/documents/get-document-overview.js';
import { dec } from '../../domain/money/decimal.js';
import { DOC_TYPE_INFO, isDocType } from '../../domain/documents/types.js';

/** What a person may do with a document in its state (each action is also checked by its use case). */
export interface DocumentActions {
  pdf: boolean;
  email: boolean;
  cancel: boolean;
  creditNote: boolean;
  receipt: boolean;
  convert: boolean;
  duplicate: boolean;
  draft: boolean;
}

export function actionsOf(o: DocumentOverview): DocumentActions {
  const d = o.view.doc;
  const info = isDocType(d.doc_type) ? DOC_TYPE_INFO[d.doc_type] : undefined;
  const final = d.status === 'final';
  const family = info?.family;
  return {
    pdf: d.status !== 'draft',
    email: d.status !== 'draft',
    cancel: final,
    creditNote: final && !!info?.isInvoice && !info.rectifies,
    receipt: final && !!info?.receivable && dec(d.open_balance).gt(0),
    convert: final && (family === 'working' || family === 'transport'),
    duplicate: !!info && !info.rectifies && family !== 'payment' && family !== 'opening_balance',
    draft: d.status === 'draft',
  };
}

export interface RelatedLink {
  id: number;
  docNo: string | null;
  type: string | null;
  status: string;
  relation: 'origin' | 'derived' | 'receipt' | 'settles';
  amount?: string;
}

/** The document page's data: the document as a person reads it, its logs, its related documents and actions. */
export function documentPageData(o: DocumentOverview) {
  const v = o.view;
  const d = v.doc;
  const isReceipt = d.doc_type === 'RC' || d.doc_type === 'RG';
  const related: RelatedLink[] = [
    ...o.origins.map((r) => ({ ...r, relation: 'origin' as const })),
    ...v.derived.map((r) => ({ ...r, relation: 'derived' as const })),
    ...v.settlements.map((s) => ({
      id: isReceipt ? s.documentId : s.receiptId,
      docNo: s.docNo,
      type: null,
      status: s.status,
      relation: isReceipt ? ('settles' as const) : ('receipt' as const),
      amount: s.amount,
    })),
  ];
  return {
    doc: {
      id: d.id,
      type: d.doc_type,
      status: d.status,
      number: d.doc_no,
      series: v.seriesCode,
      date: d.doc_date,
      dueDate: d.due_date,
      systemEntryDate: d.system_entry_date,
      currency: d.currency,
      customer: d.customer,
      reference: d.reference,
      observations: d.observations,
      cancelReason: d.cancel_reason,
      openBalance: d.open_balance,
      paid: d.paid,
      printedCount: d.printed_count,
      totals: {
        net: d.net_total,
        discount: d.discount_total,
        tax: d.tax_total,
        gross: d.gross_total,
        withholding: d.withholding_total,
        payable: d.payable_total,
      },
      taxSummary: d.tax_summary,
    },
    lines: v.lines.map((l) => ({
      id: l.id,
      code: l.code,
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unit_price,
      discounts: [l.discount1, l.discount2, l.discount3].filter((x) => !dec(x).isZero()),
      taxRate: l.tax_rate,
      taxCode: l.tax_code,
      exemptionCode: l.exemption_code,
      net: l.net_total,
    })),
    marks: {
      atcud: d.atcud,
      atcudLine: o.marks.atcudLine,
      hashChars: o.marks.hashChars,
      // The signature is long (172 characters of base64): its start identifies it, the page need not print it all.
      hashExcerpt: d.hash ? `${d.hash.slice(0, 24)}…` : null,
      hasQr: !!o.marks.qrPayload,
      certification: o.marks.certification,
    },
    at: o.at,
    emails: o.emails,
    webhooks: o.webhooks,
    peppol: o.peppol,
    related,
    actions: actionsOf(o),
  };
}

export type DocumentPageData = ReturnType<typeof documentPageData>;
