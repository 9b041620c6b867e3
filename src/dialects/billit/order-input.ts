import type { DocumentInput, LineInput } from '../../app/documents/document-input.js';
import type { CustomerKeys } from '../../app/billit/find-customer.js';
import { parseBillitDate } from './dates.js';
import type { BillitOrderType } from './order-types.js';
import { ORDER_TYPES } from './order-types.js';
import type { BillitInput } from './reader.js';

/** A file a client sends inline (`OrderPDF`, `Attachments[]`): `{FileName, MimeType, FileContent (base64)}`. */
export interface InlineFile {
  field: string;
  fileName: string;
  mimeType: string | null;
  bytes: Uint8Array;
}

/** Whether an inline file is an XML document (a UBL or CII e-invoice): by its MIME type or its name. */
export const isXmlFile = (f: InlineFile): boolean => /xml/i.test(f.mimeType ?? '') || /\.xml$/i.test(f.fileName);

/** The customer of an order: an existing party by id, or what to find one by (else create it). */
export interface OrderCustomer {
  partyId?: number;
  keys: CustomerKeys;
  /** The contact to create when none matches. */
  inline: NonNullable<DocumentInput['customer']>;
}

/** A Billit order read: the core's document input (less its customer) and what Billit keeps beside it. */
export interface OrderRequest {
  type: BillitOrderType;
  orderNumber: string | null;
  aboutInvoiceNumber: string | null;
  customer: OrderCustomer | null;
  document: Omit<DocumentInput, 'customer' | 'contactId'>;
  paid: boolean | null;
  paidDate: string | null;
  internalInfo: string | null;
  orderPdf: InlineFile | null;
  attachments: InlineFile[];
}

const LANGUAGES = new Set(['pt', 'en', 'fr', 'nl', 'de']);
const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

function date(b: BillitInput, key: string): string | undefined {
  const raw = b.text(key);
  if (!raw) return undefined;
  const d = parseBillitDate(raw);
  if (!d) b.fail('InvalidValue', `The value of ${b.prefix ? `${b.prefix}.` : ''}${key} is not a valid date.`);
  return d?.date;
}

function inlineFile(f: BillitInput | undefined, field: string): InlineFile | null {
  if (!f) return null;
  const content = f.text('FileContent');
  const fileName = f.text('FileName') ?? '';
  if (!content) {
    f.fail('Required', `${field}.FileContent is required.`);
    return null;
  }
  const b64 = content.replace(/^data:[^,]*;base64,/, '');
  if (!BASE64.test(b64)) {
    f.fail('InvalidValue', `${field}.FileContent is not valid base64.`);
    return null;
  }
  return { field, fileName, mimeType: f.text('MimeType') ?? null, bytes: Buffer.from(b64, 'base64') };
}

/** Street, number and box on one line, as the core keeps a street: `Oktrooiplein 1 box 301`. */
function streetLine(a: BillitInput): string | null {
  const parts = [a.text('Street'), a.text('StreetNumber')].filter((x): x is string => !!x?.trim());
  const box = a.text('Box');
  if (!parts.length) return null;
  return `${parts.join(' ').trim()}${box?.trim() ? ` box ${box.trim()}` : ''}`;
}

function customerOf(b: BillitInput): OrderCustomer | null {
  const c = b.sub('Customer', 'CounterParty');
  if (!c || !c.keys().length) return null;
  const partyId = c.id('PartyID');
  if (partyId) return { partyId, keys: {}, inline: {} };
  const addresses = c.list('Addresses') ?? [];
  const address =
    addresses.find((a) => (a.text('AddressType') ?? '').toLowerCase() === 'invoiceaddress') ?? addresses[0] ?? c;
  const country = (address.text('CountryCode') ?? c.text('CountryCode'))?.trim().toUpperCase() || null;
  const street = streetLine(address) ?? streetLine(c);
  const postalCode = address.text('Zipcode') ?? c.text('Zipcode') ?? null;
  const city = address.text('City') ?? c.text('City') ?? null;
  const name = c.text('Name', 'DisplayName') ?? address.text('Name') ?? '';
  const vat = c.text('VATNumber')?.replace(/[\s.]/g, '') || null;
  const email = c.text('Email') ?? null;
  const number = c.text('Nr') ?? null;
  const lang = c.text('Language')?.trim().toLowerCase();
  return {
    keys: { vatNumber: vat, email, street, postalCode, city, country, number },
    inline: {
      name,
      taxId: vat,
      email,
      street,
      postalCode,
      city,
      country: country ?? undefined,
      code: number,
      phone: c.text('Phone', 'Mobile') ?? null,
      language: lang === 'en' || lang === 'fr' || lang === 'pt' ? lang : null,
    },
  };
}

function lineOf(l: BillitInput): LineInput {
  const description = l.text('Description') ?? '';
  const extended = l.text('DescriptionExtended');
  return {
    description: extended ? `${description}\n${extended}`.trim() : description,
    code: l.text('Reference') ?? null,
    quantity: l.decimal('Quantity') ?? '1',
    unitPrice: l.decimal('UnitPriceExcl', 'UnitPrice') ?? '0',
    taxRate: l.decimal('VATPercentage') ?? null,
    unit: l.text('Unit') ?? null,
  };
}

/**
 * Reads `POST /v1/orders` (seed 004; D creating-sales-invoices.md): every field Billit's clients send, matched
 * without case. Problems are gathered and answered together in Billit's envelope.
 */
export function readOrder(b: BillitInput, type: BillitOrderType, needLines = true): OrderRequest {
  const lines = (b.list('OrderLines') ?? []).map(lineOf);
  if (needLines && !lines.length)
    b.fail('TheOrderMustHaveAtLeastOneOrderLine', 'The order must have at least one order line.');
  const lang = b.sub('Customer')?.text('Language')?.trim().toLowerCase();
  const paidDate = b.text('PaidDate');
  const paid = parseBillitDate(paidDate ?? '');
  if (paidDate && !paid) b.fail('InvalidValue', 'The value of PaidDate is not a valid date.');
  const document: OrderRequest['document'] = {
    type: ORDER_TYPES[type],
    date: date(b, 'OrderDate') ?? null,
    dueDate: date(b, 'ExpiryDate') ?? null,
    lines,
    reference: b.text('Reference') ?? null,
    observations: b.text('Comments') ?? b.text('OrderTitle') ?? null,
    internalNote: b.text('InternalInfo') ?? null,
    paymentReference: b.text('PaymentReference') || null,
    currency: b.text('Currency')?.toUpperCase() ?? null,
    language: lang && LANGUAGES.has(lang) ? (lang as DocumentInput['language']) : null,
    finalize: true,
  };
  const attachments = (b.list('Attachments') ?? []).map((a, i) => inlineFile(a, `Attachments[${i}]`));
  return {
    type,
    orderNumber: b.text('OrderNumber')?.trim() || null,
    aboutInvoiceNumber: b.text('AboutInvoiceNumber')?.trim() || null,
    customer: customerOf(b),
    document,
    paid: b.bool('Paid') ?? null,
    paidDate: paid?.dateTime ?? null,
    internalInfo: b.text('InternalInfo') ?? null,
    orderPdf: inlineFile(b.sub('OrderPDF'), 'OrderPDF'),
    attachments: attachments.filter((a): a is InlineFile => a !== null),
  };
}
