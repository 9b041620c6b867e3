import { dec } from '../../domain/money/decimal.js';
import type { DocType, Lang } from '../../domain/documents/types.js';
import { regimeOf } from '../../domain/regime/registry.js';
import type { DocumentView } from './get-document.js';

/** The legal marks of a loaded document, as its account's fiscal regime gives them (Portugal: ATCUD, printed hash,
 * AT QR message; P195 art. 5.º–6.º). */
export function documentViewMarks(v: DocumentView) {
  const d = v.doc;
  return regimeOf(v.account).marks({
    docType: d.doc_type as DocType,
    status: d.status,
    docDate: d.doc_date,
    docNo: d.doc_no,
    atcud: d.atcud,
    hash: d.hash,
    issuerTaxId: v.account.taxId,
    customerTaxId: d.customer.taxId,
    customerCountry: d.customer.country,
    taxGroups: d.tax_summary,
    taxTotal: dec(d.tax_total),
    grossTotal: dec(d.gross_total),
    withholding: dec(d.withholding_total),
    certNo: v.account.certNo,
    sandbox: v.account.sandbox,
    training: v.seriesKind === 'F',
    language: d.language as Lang,
  });
}

/** The AT QR message of a loaded document (P195 art. 5.º–6.º), or null for drafts and unsigned types. */
export function documentQrPayload(v: DocumentView): string | null {
  return documentViewMarks(v).qrPayload;
}
