import { dec, fmt2 } from '../../domain/money/decimal.js';
import { trimDecimal } from '../../domain/money/trim.js';
import { CONSUMIDOR_FINAL_NIF } from '../../domain/pt/nif.js';
import type { IssuedDocument } from '../../domain/documents/issued-document.js';
import { isoLocal } from './build-transport-request.js';
import type { ChangeInvoiceStatusRequest, InvoiceHeader, RegisterInvoiceRequest } from './ports.js';

export const INVOICE_TYPES = ['FT', 'FS', 'FR', 'NC', 'ND'] as const;

export function invoiceHeader(doc: IssuedDocument): InvoiceHeader {
  const customer = doc.customer.snapshot;
  const taxId = customer.taxId?.trim() || CONSUMIDOR_FINAL_NIF;
  const country = (customer.country ?? '').toUpperCase();
  return {
    invoiceNo: doc.number ?? '',
    atcud: doc.atcud ?? '0',
    invoiceDate: doc.date,
    invoiceType: doc.type as InvoiceHeader['invoiceType'],
    selfBillingIndicator: 0,
    customerTaxId: taxId.slice(0, 30),
    customerTaxIdCountry: taxId === CONSUMIDOR_FINAL_NIF ? 'PT' : /^[A-Z]{2}$/.test(country) ? country : 'Desconhecido',
  };
}

/**
 * RegisterInvoice (Fatcorews.wsdl RegisterInvoiceRequest; portugal.md §8.3). The document is registered as
 * issued (status N at its system entry date); a later cancellation is a ChangeInvoiceStatus.
 */
export function buildRegisterInvoice(doc: IssuedDocument): RegisterInvoiceRequest {
  const certNo = doc.account.certNo;
  // NOTE: Fatcorews LineSummary/References — the invoice a credit or debit note corrects.
  const references = doc.related?.number ? [doc.related.number] : [];
  const debit = doc.type === 'NC';
  const systemEntry = isoLocal(doc.systemEntry) ?? `${doc.date}T00:00:00`;
  const withholding = dec(doc.totals.withholding);
  return {
    eFaturaMDVersion: '0.0.1',
    auditFileVersion: '1.04_01',
    taxRegistrationNumber: doc.seller.taxId,
    taxEntity: 'Global',
    softwareCertificateNumber: certNo,
    invoice: {
      ...invoiceHeader(doc),
      status: { invoiceStatus: 'N', invoiceStatusDate: systemEntry },
      // NOTE: the 4 printed characters of the signature, or 0 when the software has no AT certificate number
      // (AT cross-checks HashCharacters with SoftwareCertificateNumber, portugal.md §8.3).
      hashCharacters: certNo > 0 && doc.signature.hash ? doc.signature.printed : '0',
      cashVatSchemeIndicator: 0,
      paperLessIndicator: 0,
      systemEntryDate: systemEntry,
      // NOTE: one LineSummary per tax group; C for invoices and debit notes, D for credit notes (mirrors SAF-T Credit/DebitAmount).
      lineSummary: doc.taxSummary.map((g) => ({
        taxPointDate: doc.taxPointDate ?? doc.date,
        references: references.length ? references : undefined,
        debitCreditIndicator: debit ? ('D' as const) : ('C' as const),
        amount: fmt2(dec(g.base)),
        tax: { taxType: g.type, taxCountryRegion: g.region, taxCode: g.code, taxPercentage: trimDecimal(g.rate) },
        taxExemptionCode: g.exemptionCode ?? undefined,
      })),
      totals: {
        taxPayable: fmt2(dec(doc.totals.tax)),
        netTotal: fmt2(dec(doc.totals.net)),
        grossTotal: fmt2(dec(doc.totals.gross)),
      },
      withholdingTax: withholding.isZero()
        ? undefined
        : [{ withholdingTaxType: doc.withholding.type ?? undefined, withholdingTaxAmount: fmt2(withholding) }],
    },
  };
}

export function buildCancelInvoice(doc: IssuedDocument): ChangeInvoiceStatusRequest {
  return {
    eFaturaMDVersion: '0.0.1',
    taxRegistrationNumber: doc.seller.taxId,
    header: invoiceHeader(doc),
    status: { invoiceStatus: 'A', invoiceStatusDate: isoLocal(doc.statusDate) ?? `${doc.date}T00:00:00` },
  };
}
