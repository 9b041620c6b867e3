import type { DocumentDraft } from '../../domain/documents/draft.js';
import type { DocType } from '../../domain/documents/types.js';
import { dec } from '../../domain/money/decimal.js';
import type { Ctx } from '../context.js';
import type { DocumentInput } from './document-input.js';
import type { NormalizedInput } from './normalize-input.js';
import type { ResolvedReferences } from './resolve-references.js';

/** A draft's `documents` row as inserted (JSON columns as JSON texts), without account and download token. */
export interface DraftDocumentRow {
  doc_type: DocType;
  series_id: number;
  store_id: number | null;
  user_id: number | null;
  doc_date: string;
  due_date: string | null;
  tax_point_date: string | null;
  contact_id: number;
  customer: string;
  seller: string;
  load_address: string;
  unload_address: string;
  load_at: string | null;
  unload_at: string | null;
  payment_method_id: number | null;
  shipping_method_id: number | null;
  currency: string;
  exchange_rate: string | null;
  language: string;
  reference: string | null;
  observations: string | null;
  internal_note: string | null;
  vehicle_plate: string | null;
  state_id: number | null;
  vat_included: boolean;
  global_discount_kind: 'percent' | 'amount' | null;
  global_discount_value: string | null;
  withholding_type: string | null;
  withholding_rate: string | null;
  rounding_adjustment: string;
  net_total: string;
  tax_total: string;
  gross_total: string;
  discount_total: string;
  withholding_total: string;
  payable_total: string;
  currency_total: string | null;
  tax_summary: string;
  related_document_id: number | null;
  /** The request's `paidOnIssue`; null: the type's default, resolved at finalize. */
  settled_on_issue: boolean | null;
  /** A BE document's given payment reference (finalize generates one when absent); absent for PT documents. */
  payment_reference?: string | null;
}

/** A draft's `document_lines` row as inserted, without account and document. */
export interface DraftLineRow {
  position: number;
  item_id: number | null;
  code: string;
  description: string;
  product_type: string;
  quantity: string;
  unit: string;
  unit_price: string;
  discount1: string;
  discount2: string;
  discount3: string;
  tax_id: number;
  tax_type: string;
  tax_region: string;
  tax_code: string;
  tax_rate: string;
  exemption_code: string | null;
  exemption_reason: string | null;
  net_amount: string;
  unit_net_price: string;
  discount_amount: string;
  net_total: string;
  tax_total: string;
  gross_total: string;
  origin_line_id: number | null;
  origin_document_id: number | null;
  external_reference: string | null;
  external_reference_date: string | null;
  external_reference_reason: string | null;
  /** BE lines only (absent on PT lines): EN 16931 VAT category and VATEX code. */
  vat_category?: string;
  vatex_code?: string | null;
}

/** The rows of a draft: the domain draft, and what the request and its references give the document's header. */
export function draftRows(
  ctx: Ctx,
  input: DocumentInput,
  n: NormalizedInput,
  refs: ResolvedReferences,
  vatIncluded: boolean,
  d: DocumentDraft,
): { doc: DraftDocumentRow; lines: DraftLineRow[] } {
  const { customer } = refs;
  const lines = d.lines.map((l): DraftLineRow => ({
    position: l.position,
    item_id: l.itemId,
    code: l.code,
    description: l.description,
    product_type: l.productType,
    quantity: l.quantity.toString(),
    unit: l.unit,
    unit_price: l.unitPrice.toString(),
    discount1: (l.discounts[0] ?? dec(0)).toString(),
    discount2: (l.discounts[1] ?? dec(0)).toString(),
    discount3: (l.discounts[2] ?? dec(0)).toString(),
    tax_id: l.tax.id,
    tax_type: l.tax.type,
    tax_region: l.tax.region,
    tax_code: l.tax.code,
    tax_rate: dec(l.tax.rate).toString(),
    exemption_code: l.exemptionCode,
    exemption_reason: l.exemptionReason,
    net_amount: l.netAmount.toString(),
    unit_net_price: l.unitNetPrice.toString(),
    discount_amount: l.discountAmount.toString(),
    net_total: l.netTotal.toFixed(2),
    tax_total: l.taxTotal.toFixed(2),
    gross_total: l.grossTotal.toFixed(2),
    origin_line_id: l.originLineId,
    origin_document_id: l.originDocumentId,
    external_reference: l.externalReference?.number ?? null,
    external_reference_date: l.externalReference?.date ?? null,
    external_reference_reason: l.externalReference?.reason ?? null,
    ...(l.vatCategory ? { vat_category: l.vatCategory, vatex_code: l.vatexCode } : {}),
  }));
  const doc: DraftDocumentRow = {
    doc_type: d.type,
    series_id: refs.series.id,
    store_id: refs.store?.id ?? null,
    user_id: ctx.userId,
    doc_date: d.docDate,
    due_date: d.dueDate,
    tax_point_date: n.taxPointDate,
    contact_id: customer.id,
    customer: JSON.stringify(d.customer),
    seller: JSON.stringify({}),
    load_address: JSON.stringify(n.loadAddress),
    unload_address: JSON.stringify(n.unloadAddress),
    load_at: n.loadAt,
    unload_at: n.unloadAt,
    payment_method_id: input.paymentMethodId ?? customer.default_payment_method_id ?? null,
    shipping_method_id: input.shippingMethodId ?? customer.default_shipping_method_id ?? null,
    currency: n.currency,
    exchange_rate: n.exchangeRate?.toString() ?? null,
    language: n.language ?? customer.language ?? refs.config.account.default_language,
    reference: n.text.reference,
    observations: n.text.observations,
    internal_note: n.text.internalNote,
    vehicle_plate: n.text.vehiclePlate,
    state_id: input.stateId ?? null,
    vat_included: vatIncluded,
    global_discount_kind: n.globalDiscount?.kind ?? null,
    global_discount_value: n.globalDiscount?.value.toString() ?? null,
    withholding_type: n.withholdingType,
    withholding_rate: n.withholdingRate?.toString() ?? null,
    rounding_adjustment: n.roundingAdjustment.toFixed(2),
    net_total: d.netTotal.toFixed(2),
    tax_total: d.taxTotal.toFixed(2),
    gross_total: d.grossTotal.toFixed(2),
    discount_total: d.discountTotal.toFixed(2),
    withholding_total: d.withholdingTotal.toFixed(2),
    payable_total: d.payableTotal.toFixed(2),
    currency_total: d.currencyTotal?.toFixed(2) ?? null,
    tax_summary: JSON.stringify(
      d.taxSummary.map((g) => ({
        type: g.type,
        region: g.region,
        code: g.code,
        rate: g.rate.toString(),
        base: g.base.toFixed(2),
        tax: g.tax.toFixed(2),
        exemptionCode: g.exemptionCode,
        vatCategory: g.vatCategory,
        vatexCode: g.vatexCode,
        exemptionReason: g.exemptionReason,
      })),
    ),
    related_document_id: d.relatedDocumentId,
    settled_on_issue: n.paidOnIssue,
    ...(n.paymentReference ? { payment_reference: n.paymentReference } : {}),
  };
  return { doc, lines };
}
