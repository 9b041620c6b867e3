/**
 * Billit's OrderType and the core's document type it is issued as, for a Belgian seller.
 * - Invoice → FT and CreditNote → NC: the invoice and the credit note of VAT Code art. 53 §2 (EN 16931 380/381).
 * - Offer → OR (quote, "devis / offerte"), OrderForm → NE (purchase order, "bon de commande"): commercial documents
 *   without fiscal effect that a BE account may issue (src/domain/be/document-types.ts refuses none of them).
 * - DeliveryNote → FO: the core's delivery notes (GR/GT) are Portuguese transport documents (DL 147/2003, told to
 *   the AT) that a BE account may not issue; a Belgian delivery note has no fiscal regime, so it is kept as the core's
 *   plain working document (FO), and the order remembers it was a DeliveryNote (billit_orders.order_type).
 */
export const ORDER_TYPES = {
  Invoice: 'FT',
  CreditNote: 'NC',
  Offer: 'OR',
  OrderForm: 'NE',
  DeliveryNote: 'FO',
} as const;

export type BillitOrderType = keyof typeof ORDER_TYPES;

/** The Billit OrderType of a request, whatever its case (`invoice`, `creditnote`); undefined when unknown. */
export function orderTypeOf(value: string): BillitOrderType | undefined {
  const lower = value.trim().toLowerCase();
  return (Object.keys(ORDER_TYPES) as BillitOrderType[]).find((k) => k.toLowerCase() === lower);
}

/** The OrderType a document shows: what it was created as through Billit, else its type's Billit name. */
export function billitTypeOfDoc(docType: string, created: string | null): string {
  if (created) return created;
  switch (docType) {
    case 'NC':
      return 'CreditNote';
    case 'OR':
      return 'Offer';
    case 'NE':
      return 'OrderForm';
    case 'PF':
      return 'ProForma';
    default:
      return 'Invoice';
  }
}
