import type { ChangeInvoiceStatusRequest, InvoiceHeader, RegisterInvoiceRequest } from '../../app/at/ports.js';
import { child, text, type BodyElement, type XmlNode } from './soap-envelope.js';

/**
 * fatcorews (specs/pt/wsdl/Fatcorews.wsdl; portugal.md §8.3): document/literal, elementFormDefault qualified
 * (every child in the target namespace), SOAPAction empty.
 */
export const INVOICE_NS = 'http://factemi.at.min_financas.pt/documents';
export const INVOICE_SOAP_ACTION = '';

const op = (name: string, content: XmlNode): BodyElement => ({
  name,
  namespace: INVOICE_NS,
  prefix: 'doc',
  qualified: true,
  content,
});

function header(h: InvoiceHeader): XmlNode {
  return {
    InvoiceNo: h.invoiceNo,
    ATCUD: h.atcud,
    InvoiceDate: h.invoiceDate,
    InvoiceType: h.invoiceType,
    SelfBillingIndicator: h.selfBillingIndicator,
    CustomerTaxID: h.customerTaxId,
    CustomerTaxIDCountry: h.customerTaxIdCountry,
  };
}

export function registerInvoiceBody(r: RegisterInvoiceRequest): BodyElement {
  const i = r.invoice;
  return op('RegisterInvoiceRequest', {
    eFaturaMDVersion: r.eFaturaMDVersion,
    AuditFileVersion: r.auditFileVersion,
    TaxRegistrationNumber: r.taxRegistrationNumber,
    TaxEntity: r.taxEntity,
    SoftwareCertificateNumber: r.softwareCertificateNumber,
    InvoiceData: {
      ...header(i),
      DocumentStatus: { InvoiceStatus: i.status.invoiceStatus, InvoiceStatusDate: i.status.invoiceStatusDate },
      HashCharacters: i.hashCharacters,
      CashVATSchemeIndicator: i.cashVatSchemeIndicator,
      PaperLessIndicator: i.paperLessIndicator,
      EACCode: i.eacCode,
      SystemEntryDate: i.systemEntryDate,
      LineSummary: i.lineSummary.map((l) => ({
        OrderReferences: l.orderReferences?.map((o) => ({ OriginatingON: o.originatingOn, OrderDate: o.orderDate })),
        TaxPointDate: l.taxPointDate,
        Reference: l.references,
        DebitCreditIndicator: l.debitCreditIndicator,
        Amount: l.amount,
        Tax: {
          TaxType: l.tax.taxType,
          TaxCountryRegion: l.tax.taxCountryRegion,
          TaxCode: l.tax.taxCode,
          TaxPercentage: l.tax.taxPercentage,
        },
        TaxExemptionCode: l.taxExemptionCode,
      })),
      DocumentTotals: { TaxPayable: i.totals.taxPayable, NetTotal: i.totals.netTotal, GrossTotal: i.totals.grossTotal },
      WithholdingTax: i.withholdingTax?.map((w) => ({
        WithholdingTaxType: w.withholdingTaxType,
        WithholdingTaxAmount: w.withholdingTaxAmount,
      })),
    },
  });
}

export function changeInvoiceStatusBody(r: ChangeInvoiceStatusRequest): BodyElement {
  return op('ChangeInvoiceStatusRequest', {
    eFaturaMDVersion: r.eFaturaMDVersion,
    TaxRegistrationNumber: r.taxRegistrationNumber,
    InvoiceHeader: header(r.header),
    InvoiceStatus: { InvoiceStatus: r.status.invoiceStatus, InvoiceStatusDate: r.status.invoiceStatusDate },
  });
}

/** Reads `<Op>Response/Response{CodigoResposta, Mensagem, DataOperacao}`; null if absent. */
export function readInvoiceAnswer(
  body: Record<string, unknown>,
  operation: string,
): { code: number | null; message: string; at?: string } | null {
  const resp = child(child(body, `${operation}Response`), 'Response');
  if (!resp) return null;
  const raw = text(resp, 'CodigoResposta');
  return {
    code: raw !== undefined && /^-?\d+$/.test(raw.trim()) ? Number(raw) : null,
    message: text(resp, 'Mensagem') ?? '',
    at: text(resp, 'DataOperacao'),
  };
}
