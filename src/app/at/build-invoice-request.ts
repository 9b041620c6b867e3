import { dec, fmt2 } from '../../domain/money/decimal.js';
import { trimDecimal } from '../../domain/money/trim.js';
import { CONSUMIDOR_FINAL_NIF } from '../../domain/pt/nif.js';
import { printedHashChars } from '../../domain/pt/signature.js';
import type { DocumentRow } from '../../infra/db/schema.js';
import { isoLocal } from './build-transport-request.js';
import type { ChangeInvoiceStatusRequest, InvoiceHeader, RegisterInvoiceRequest } from './ports.js';

export const INVOICE_TYPES = ['FT', 'FS', 'FR', 'NC', 'ND'] as const;

export function invoiceHeader(doc: DocumentRow): InvoiceHeader {
  const taxId = doc.customer.taxId?.trim() || CONSUMIDOR_FINAL_NIF;
  const country = (doc.customer.country ?? '').toUpperCase();
  return {
    invoiceNo: doc.doc_no ?? '',
    atcud: doc.atcud ?? '0',
    invoiceDate: doc.doc_date,
    invoiceType: doc.doc_type as InvoiceHeader['invoiceType'],
    selfBillingIndicator: 0,
    customerTaxId: taxId.slice(0, 30),
    customerTaxIdCountry: taxId === CONSUMIDOR_FINAL_NIF ? 'PT' : /^[A-Z]{2}$/.test(country) ? country : 'Desconhecido',
  };
}

/**
 * RegisterInvoice (Fatcorews.wsdl RegisterInvoiceRequest; portugal.md §8.3). The document is registered as
 * issued (status N at its system entry date); a later cancellation is a ChangeInvoiceStatus.
 */
export function buildRegisterInvoice(
  doc: DocumentRow,
  opts: { certNo: number; references: string[] },
): RegisterInvoiceRequest {
  const debit = doc.doc_type === 'NC';
  const systemEntry = isoLocal(doc.system_entry_date) ?? `${doc.doc_date}T00:00:00`;
  const withholding = dec(doc.withholding_total);
  return {
    eFaturaMDVersion: '0.0.1',
    auditFileVersion: '1.04_01',
    taxRegistrationNumber: doc.seller.taxId,
    taxEntity: 'Global',
    softwareCertificateNumber: opts.certNo,
    invoice: {
      ...invoiceHeader(doc),
      status: { invoiceStatus: 'N', invoiceStatusDate: systemEntry },
      // NOTE: the 4 printed characters of the signature, or 0 when the software has no AT certificate number
      // (AT cross-checks HashCharacters with SoftwareCertificateNumber, portugal.md §8.3).
      hashCharacters: opts.certNo > 0 && doc.hash ? printedHashChars(doc.hash) : '0',
      cashVatSchemeIndicator: 0,
      paperLessIndicator: 0,
      systemEntryDate: systemEntry,
      // NOTE: one LineSummary per tax group; C for invoices and debit notes, D for credit notes (mirrors SAF-T Credit/DebitAmount).
      lineSummary: doc.tax_summary.map((g) => ({
        taxPointDate: doc.tax_point_date ?? doc.doc_date,
        references: opts.references.length ? opts.references : undefined,
        debitCreditIndicator: debit ? ('D' as const) : ('C' as const),
        amount: fmt2(dec(g.base)),
        tax: { taxType: g.type, taxCountryRegion: g.region, taxCode: g.code, taxPercentage: trimDecimal(g.rate) },
        taxExemptionCode: g.exemptionCode ?? undefined,
      })),
      totals: {
        taxPayable: fmt2(dec(doc.tax_total)),
        netTotal: fmt2(dec(doc.net_total)),
        grossTotal: fmt2(dec(doc.gross_total)),
      },
      withholdingTax: withholding.isZero()
        ? undefined
        : [{ withholdingTaxType: doc.withholding_type ?? undefined, withholdingTaxAmount: fmt2(withholding) }],
    },
  };
}

export function buildCancelInvoice(doc: DocumentRow): ChangeInvoiceStatusRequest {
  return {
    eFaturaMDVersion: '0.0.1',
    taxRegistrationNumber: doc.seller.taxId,
    header: invoiceHeader(doc),
    status: { invoiceStatus: 'A', invoiceStatusDate: isoLocal(doc.status_date) ?? `${doc.doc_date}T00:00:00` },
  };
}
