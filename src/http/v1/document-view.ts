import { trimDecimal as num } from '../../domain/money/trim.js';
import { settledOnIssue } from '../../domain/documents/paid-on-issue.js';
import type { DocType } from '../../domain/documents/types.js';
import type { DocumentView } from '../../app/documents/get-document.js';
import { documentViewMarks } from '../../app/documents/document-qr-payload.js';
import { lineHead } from '../../app/documents/line-head.js';

/** The native representation of a document: every computed figure as a decimal string. */
export function documentJson(v: DocumentView) {
  const d = v.doc;
  const marks = documentViewMarks(v);
  return {
    id: d.id,
    type: d.doc_type,
    status: d.status,
    number: d.doc_no,
    sequence: d.number,
    series: { id: d.series_id, code: v.seriesCode },
    storeId: d.store_id,
    date: d.doc_date,
    dueDate: d.due_date,
    taxPointDate: d.tax_point_date,
    systemEntryDate: d.system_entry_date?.replace(' ', 'T') ?? null,
    statusDate: d.status_date?.replace(' ', 'T') ?? null,
    contactId: d.contact_id,
    customer: d.customer,
    seller: d.seller,
    currency: d.currency,
    exchangeRate: num(d.exchange_rate),
    language: d.language,
    reference: d.reference,
    observations: d.observations,
    internalNote: d.internal_note,
    stateId: d.state_id,
    paymentMethodId: d.payment_method_id,
    shippingMethodId: d.shipping_method_id,
    transport:
      d.load_address || d.unload_address || d.load_at || d.vehicle_plate
        ? {
            loadAddress: d.load_address,
            unloadAddress: d.unload_address,
            loadAt: d.load_at?.replace(' ', 'T') ?? null,
            unloadAt: d.unload_at?.replace(' ', 'T') ?? null,
            vehiclePlate: d.vehicle_plate,
            atCode: d.at_code,
          }
        : null,
    vatIncluded: d.vat_included,
    globalDiscount: d.global_discount_kind
      ? { kind: d.global_discount_kind, value: num(d.global_discount_value) }
      : null,
    withholding: d.withholding_rate
      ? { type: d.withholding_type, rate: num(d.withholding_rate), amount: d.withholding_total }
      : null,
    totals: {
      net: d.net_total,
      tax: d.tax_total,
      gross: d.gross_total,
      discount: d.discount_total,
      withholding: d.withholding_total,
      roundingAdjustment: d.rounding_adjustment,
      payable: d.payable_total,
      currencyGross: d.currency_total,
    },
    taxSummary: d.tax_summary,
    lines: v.lines.map((l) => ({
      ...lineHead(l),
      quantity: num(l.quantity),
      unit: l.unit,
      unitPrice: num(l.unit_price),
      discounts: [l.discount1, l.discount2, l.discount3].map((x) => num(x)),
      tax: { id: l.tax_id, type: l.tax_type, region: l.tax_region, code: l.tax_code, rate: num(l.tax_rate) },
      exemption: l.exemption_code ? { code: l.exemption_code, reason: l.exemption_reason } : null,
      ...(l.vat_category
        ? { vatCategory: l.vat_category, vatexCode: l.vatex_code, exemptionReason: l.exemption_reason }
        : {}),
      netAmount: num(l.net_amount),
      unitNetPrice: num(l.unit_net_price),
      discountAmount: num(l.discount_amount),
      netTotal: l.net_total,
      taxTotal: l.tax_total,
      grossTotal: l.gross_total,
      originLineId: l.origin_line_id,
      originDocumentId: l.origin_document_id,
      reference: l.external_reference
        ? { number: l.external_reference, date: l.external_reference_date, reason: l.external_reference_reason }
        : null,
    })),
    relatedDocumentId: d.related_document_id,
    settlements: v.settlements,
    derivedDocuments: v.derived,
    openBalance: d.open_balance,
    paid: d.paid,
    paidOnIssue: settledOnIssue(d.doc_type as DocType, d.settled_on_issue),
    ...(d.payment_reference ? { paymentReference: d.payment_reference } : {}),
    cancelReason: d.cancel_reason,
    signature: d.hash ? { hash: d.hash, hashControl: d.hash_control, keyVersion: d.key_version } : null,
    atcud: d.atcud,
    legal: marks,
    printedCount: d.printed_count,
    downloadToken: d.download_token,
    createdAt: isoInstant(d.created_at),
    updatedAt: isoInstant(d.updated_at),
  };
}

/** PostgreSQL timestamptz text → ISO 8601. */
export function isoInstant(v: string): string {
  return new Date(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')).toISOString();
}

/** The short form used in lists. */
export function documentSummaryJson(d: DocumentView['doc']) {
  return {
    id: d.id,
    type: d.doc_type,
    status: d.status,
    number: d.doc_no,
    date: d.doc_date,
    dueDate: d.due_date,
    contactId: d.contact_id,
    customerName: d.customer.name,
    customerTaxId: d.customer.taxId,
    currency: d.currency,
    totals: { net: d.net_total, tax: d.tax_total, gross: d.gross_total, payable: d.payable_total },
    openBalance: d.open_balance,
    paid: d.paid,
    atcud: d.atcud,
    reference: d.reference,
    createdAt: isoInstant(d.created_at),
  };
}
