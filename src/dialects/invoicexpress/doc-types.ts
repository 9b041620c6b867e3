import type { DocType } from '../../domain/documents/types.js';

export type IxFamily = 'invoice' | 'estimate' | 'guide';

/** An InvoiceXpress document type and the core type it maps onto. */
export interface IxDocType {
  /** The path segment: `invoices`, `credit_notes`… */
  path: string;
  core: DocType;
  family: IxFamily;
  /** The root InvoiceXpress clients send: `invoice`, `estimate`, `shipping`… (the doc-typed root is accepted too). */
  requestRoot: string;
  /** The doc-typed root of answers: `invoice_receipt`, `credit_note`… */
  root: string;
  /** The generic root of answers, as InvoiceXpress's docs show it: `invoice`, `estimate`, `guide`. */
  genericRoot: string;
  /** The `type` field: `Invoice`, `InvoiceReceipt`… */
  type: string;
}

const t = (
  path: string,
  core: DocType,
  family: IxFamily,
  requestRoot: string,
  root: string,
  type: string,
): IxDocType => ({ path, core, family, requestRoot, root, genericRoot: family, type });

/**
 * Every InvoiceXpress type. vat_moss_invoices are invoices (FT) for the core; reading an FT back gives `invoices`.
 * fees_notes (notas de honorários) have no core type of their own: they are kept as NE, a working document
 * that, like a fees note, is not an invoice.
 */
export const IX_DOC_TYPES: readonly IxDocType[] = [
  t('invoices', 'FT', 'invoice', 'invoice', 'invoice', 'Invoice'),
  t('simplified_invoices', 'FS', 'invoice', 'invoice', 'simplified_invoice', 'SimplifiedInvoice'),
  t('invoice_receipts', 'FR', 'invoice', 'invoice', 'invoice_receipt', 'InvoiceReceipt'),
  t('credit_notes', 'NC', 'invoice', 'invoice', 'credit_note', 'CreditNote'),
  t('debit_notes', 'ND', 'invoice', 'invoice', 'debit_note', 'DebitNote'),
  t('vat_moss_invoices', 'FT', 'invoice', 'invoice', 'vat_moss_invoice', 'VatMossInvoice'),
  t('quotes', 'OR', 'estimate', 'estimate', 'quote', 'Quote'),
  t('proformas', 'PF', 'estimate', 'estimate', 'proforma', 'Proforma'),
  t('fees_notes', 'NE', 'estimate', 'estimate', 'fees_note', 'FeesNote'),
  t('shippings', 'GR', 'guide', 'shipping', 'shipping', 'Shipping'),
  t('transports', 'GT', 'guide', 'transport', 'transport', 'Transport'),
  t('devolutions', 'GD', 'guide', 'devolution', 'devolution', 'Devolution'),
];

/** The invoice-family types served by documents.routes.ts. */
export const IX_INVOICE_TYPES = IX_DOC_TYPES.filter((x) => x.family === 'invoice');

export function ixTypeByPath(path: string): IxDocType | undefined {
  return IX_DOC_TYPES.find((x) => x.path === path);
}

/** By the `type` field (`InvoiceReceipt`), as list filters send it; case-insensitive. */
export function ixTypeByName(name: string): IxDocType | undefined {
  const n = name.trim().toLowerCase();
  return IX_DOC_TYPES.find((x) => x.type.toLowerCase() === n || x.root === n || x.path === n);
}

/** The InvoiceXpress type of a core document (FT reads back as `invoices`). */
export function ixTypeOfCore(core: string): IxDocType | undefined {
  return IX_DOC_TYPES.find((x) => x.core === core);
}

/**
 * Every root a request body of this type may come under: the generic one and the doc-typed one. A guide of any
 * type may come under any guide root: InvoiceXpress's own docs post a `shipping` body to `/transports.json`.
 */
export function requestRoots(t: IxDocType): string[] {
  const guideRoots =
    t.family === 'guide'
      ? ['guide', ...IX_DOC_TYPES.filter((x) => x.family === 'guide').map((x) => x.requestRoot)]
      : [];
  return [...new Set([t.requestRoot, t.root, t.genericRoot, ...guideRoots])];
}
