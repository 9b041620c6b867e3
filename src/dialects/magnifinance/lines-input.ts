import { Decimal } from 'decimal.js';
import type { LineInput } from '../../app/documents/document-input.js';
import { findExemption } from '../../domain/pt/exemption-codes.js';
import { MfError } from './mf-error.js';
import type { MfReader } from './reader.js';

/** SOAP paths of the elements that repeat: EV sends one `<Lines>` per line, the WSDL one `<Lines>` of many. */
export const LINES_ARRAYS = ['Document.Lines', 'Document.Lines.APIInvoicingProduct'] as const;

/** The most lines a document has, as the native API's schema allows. */
export const MAX_LINES = 1000;

/**
 * The lines of a document, however they came: `Lines[]` of `{APIInvoicingProduct: […]}` (SOAP, one `<Lines>` per
 * line or one for all, merged in order), or REST's flat `Lines[]` of products.
 */
export function productsOf(doc: MfReader, key = 'Lines'): MfReader[] {
  const lists = doc.listOf([key], 'APIInvoicingProduct') ?? [];
  const products = lists.flatMap((item) =>
    item.has('APIInvoicingProduct') ? (item.listOf(['APIInvoicingProduct']) ?? []) : [item],
  );
  if (products.length <= MAX_LINES) return products;
  doc.problem(key, 'Invalid', `A document has at most ${MAX_LINES} lines.`);
  return products.slice(0, MAX_LINES);
}

/** A percentage 0–100 (`TaxValue`, `ProductDiscount`, `Retention`), or the 22 InvalidPercentage error. */
export function percentage(r: MfReader, key: string): string | undefined {
  if (!r.has(key)) return undefined;
  const raw = r.raw(key);
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim().replace(',', '.') : '';
  let value: Decimal | undefined;
  try {
    value = /^-?\d+(\.\d+)?$/.test(text) ? new Decimal(text) : undefined;
  } catch {
    value = undefined;
  }
  if (!value || value.lt(0) || value.gt(100))
    throw new MfError(22, `${r.pathOf(key)} must be a percentage between 0 and 100.`, [
      {
        FieldName: r.pathOf(key),
        Type: 'InvalidPercentage',
        Field: r.pathOf(key),
        Value: text,
        Detail: 'A percentage between 0 and 100.',
      },
    ]);
  return value.toString();
}

/** An exemption reason code (M01–M99) the AT table knows, or the 10 TaxExemptionDoesNotExist error. */
export function exemptionCode(r: MfReader, key = 'TaxExemptionReasonCode'): string | undefined {
  const code = r.str(key)?.toUpperCase();
  if (code === undefined) return undefined;
  if (!findExemption(code))
    throw new MfError(10, `The tax exemption reason ${code} does not exist.`, [
      {
        FieldName: r.pathOf(key),
        Type: 'TaxExemptionDoesNotExist',
        Field: r.pathOf(key),
        Value: code,
        Detail: 'An AT exemption code, M01 to M99.',
      },
    ]);
  return code;
}

const PRODUCT_TYPES: Record<string, LineInput['productType']> = { S: 'S', P: 'P', O: 'O', E: 'E', I: 'I' };

/**
 * An `APIInvoicingProduct` as a core line: `TaxValue` is the VAT rate in percent (of `TaxValueCountry`'s region,
 * `PT` by default), `ProductDiscount` a percentage, `Type` S (service) or P (product). `CostCenter` has no place on a
 * legal document line and is not kept.
 */
export function lineInput(p: MfReader): LineInput {
  const type = p.str('Type')?.toUpperCase();
  if (type !== undefined && !PRODUCT_TYPES[type])
    p.problem('Type', 'Invalid', 'The product type is S (service) or P (product).');
  const discount = percentage(p, 'ProductDiscount');
  const region = p.str('TaxValueCountry')?.toUpperCase();
  const taxRate = percentage(p, 'TaxValue');
  return {
    code: p.str('Code') ?? null,
    description: p.str('Description') ?? null,
    quantity: p.decimal('Quantity') ?? '1',
    unitPrice: p.decimal('UnitPrice') ?? null,
    unit: p.str('Unit') ?? null,
    productType: type ? PRODUCT_TYPES[type] : undefined,
    discounts: discount && discount !== '0' ? [discount] : null,
    taxRate: taxRate ?? null,
    taxRegion: region && region !== 'PT' ? region : null,
    exemptionCode: exemptionCode(p) ?? null,
  };
}
