import { getDocument } from '../../../app/documents/get-document.js';
import type { Db } from '../../../http/kit/define-dialect.js';
import { trimDecimal as num } from '../../../domain/money/trim.js';
import type { MfObject } from '../response.js';

/** DocumentCreate's `Type` letters, by the core's document type. */
const TYPE_LETTER: Record<string, string> = { FR: 'T', FT: 'I', FS: 'S', NC: 'C', ND: 'D' };

const STATUS: Record<string, string> = { draft: 'Draft', final: 'Closed', cancelled: 'Canceled' };

/**
 * `Details` of REST `GET /document` ("all the data about the document"): the document, its client and its lines in
 * DocumentCreate's names, so a client reads back what it sent; amounts exact, as decimal strings.
 */
export async function documentDetails(db: Db, accountId: number, id: number): Promise<MfObject> {
  const { doc, lines, seriesCode } = await getDocument(db, accountId, id);
  const c = doc.customer;
  return {
    Document: {
      DocumentId: doc.id,
      DocumentNumber: doc.doc_no,
      Type: TYPE_LETTER[doc.doc_type] ?? doc.doc_type,
      DocumentStatus: STATUS[doc.status] ?? doc.status,
      Date: doc.doc_date,
      DueDate: doc.due_date,
      Serie: seriesCode,
      Currency: doc.currency,
      EuroRate: num(doc.exchange_rate),
      Description: doc.observations,
      NetAmount: num(String(doc.net_total)),
      TaxAmount: num(String(doc.tax_total)),
      RetentionAmount: num(String(doc.withholding_total)),
      TotalAmount: num(String(doc.payable_total)),
      ATCUD: doc.atcud,
    },
    Client: {
      NIF: c.taxId,
      Name: c.name,
      Address: c.street ?? null,
      City: c.city ?? null,
      PostCode: c.postalCode ?? null,
      CountryCode: c.country,
      Email: c.email ?? null,
      PhoneNumber: c.phone ?? null,
    },
    Lines: lines.map((l) => ({
      Code: l.code,
      Description: l.description,
      UnitPrice: num(String(l.unit_price)),
      Quantity: num(String(l.quantity)),
      Unit: l.unit,
      Type: l.product_type,
      TaxValue: num(String(l.tax_rate)),
      ProductDiscount: num(String(l.discount1)),
      TaxExemptionReasonCode: l.exemption_code,
      Total: num(String(l.gross_total)),
    })),
  };
}
