import type { DocumentInput } from '../../app/documents/document-input.js';
import type { DocumentView } from '../../app/documents/get-document.js';
import { dec } from '../../domain/money/decimal.js';

/**
 * What a draft holds, as the input a PUT starts from (InvoiceXpress updates change only what the body carries),
 * transport data included.
 */
export function draftAsInput(v: DocumentView): Partial<DocumentInput> {
  const d = v.doc;
  return {
    type: d.doc_type,
    seriesId: d.series_id,
    storeId: d.store_id,
    date: d.doc_date,
    dueDate: d.due_date,
    contactId: d.contact_id,
    reference: d.reference,
    observations: d.observations,
    currency: d.currency,
    exchangeRate: d.exchange_rate,
    vatIncluded: d.vat_included,
    globalDiscount: d.global_discount_kind ? { kind: d.global_discount_kind, value: d.global_discount_value! } : null,
    withholding: d.withholding_rate ? { rate: d.withholding_rate } : null,
    relatedDocumentId: d.related_document_id,
    paymentMethodId: d.payment_method_id,
    shippingMethodId: d.shipping_method_id,
    stateId: d.state_id,
    loadAddress: d.load_address,
    unloadAddress: d.unload_address,
    loadAt: d.load_at?.replace(' ', 'T') ?? null,
    unloadAt: d.unload_at?.replace(' ', 'T') ?? null,
    vehiclePlate: d.vehicle_plate,
    lines: v.lines.map((l) => ({
      itemId: l.item_id,
      code: l.code,
      description: l.description,
      productType: l.product_type as 'P',
      quantity: l.quantity,
      unitPrice: l.unit_price,
      unit: l.unit,
      discounts: [l.discount1, l.discount2, l.discount3].filter((x) => !dec(x).isZero()),
      taxId: l.tax_id,
      exemptionCode: l.exemption_code,
      exemptionReason: l.exemption_reason,
      originLineId: l.origin_line_id,
    })),
  };
}
