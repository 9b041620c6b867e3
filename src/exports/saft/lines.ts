import { DOC_TYPE_INFO, type DocType } from '../../domain/documents/types.js';
import { findExemption } from '../../domain/pt/exemption-codes.js';
import type { IssuedDocument, IssuedLine } from '../../domain/documents/issued-document.js';
import type { SaftProduct } from '../../app/saft/get-saft-products.js';
import { productDescription } from './products.js';
import { type XmlRecord, decimal, key, positive, text, textOr } from './xml.js';

export type LineKind = 'invoice' | 'work' | 'movement';

/** NOTE: XSD MovementTax — guides carry only IVA or NS taxes with the standard codes. */
const MOVEMENT_TAX_TYPES = new Set(['IVA', 'NS']);
const MOVEMENT_TAX_CODES = new Set(['RED', 'INT', 'NOR', 'ISE', 'OUT', 'NS']);

/**
 * NOTE: P302 4.1.4.19.16–17 — the exemption reason (6–60 characters) and its code, together, on lines without tax
 * (non-subject included). The stored reason is the legal mention of the code.
 */
export function exemption(
  code: string | null,
  reason: string | null,
): { TaxExemptionReason?: string; TaxExemptionCode?: string } {
  if (!code) return {};
  const r = text(reason, 60) ?? text(findExemption(code)?.text, 60) ?? code;
  return { TaxExemptionReason: r.length >= 6 ? r : `${r} (${code})`.padEnd(6, '.'), TaxExemptionCode: code };
}

/**
 * NOTE: P302 4.1.4.19.10 — rectifying documents reference the invoice they correct (Reference) and why (Reason).
 * CIVA art. 36.º n.º 6.
 */
function references(doc: IssuedDocument, line: IssuedLine): XmlRecord[] {
  // An original outside the system (issued before it) is named by the number printed on it.
  const external = line.externalReference;
  const reference = line.origin?.document?.number ?? external?.number ?? doc.related?.number;
  if (!reference) return [];
  const reason =
    text(external?.reason, 50) ?? text(doc.observations, 50) ?? text(doc.reference, 50) ?? 'Retificação da fatura';
  return [{ Reference: reference, Reason: reason }];
}

/** NOTE: D8632 §1.3, P302 4.1.4.19.2 — a line carried from another document names it (OriginatingON) and its date. */
function orderReferences(line: IssuedLine): XmlRecord[] {
  const origin = line.origin?.document;
  if (!origin?.number) return [];
  return [{ OriginatingON: origin.number, OrderDate: origin.date }];
}

/**
 * NOTE: P302 4.1.4.19.8 — the date goods were delivered or the service done: the guide's date for lines that
 * came from a guide, else the document's tax point date, else its date.
 */
function taxPointDate(doc: IssuedDocument, line: IssuedLine): string {
  const origin = line.origin?.document;
  if (origin && DOC_TYPE_INFO[origin.type as DocType]?.family === 'transport') return origin.date;
  return doc.taxPointDate ?? doc.date;
}

/**
 * One line of an Invoice, WorkDocument or StockMovement, in the XSD's sequence. Values are the stored ones:
 * UnitPrice is the net unit price after all discounts, the amount the net line value with full precision
 * (D8632 §3.2.3), SettlementAmount the discount the line got (its share of a global discount included).
 */
export function lineRecord(
  kind: LineKind,
  doc: IssuedDocument,
  line: IssuedLine,
  product: SaftProduct | undefined,
  debit: boolean,
): XmlRecord {
  const rectifying = DOC_TYPE_INFO[doc.type].rectifies;
  const tax = line.tax;
  const withTax = kind !== 'movement' || (MOVEMENT_TAX_TYPES.has(tax.type) && MOVEMENT_TAX_CODES.has(tax.code));
  const amount = decimal(line.amounts.net);
  const settlement = positive(line.amounts.discount) ? decimal(line.amounts.discount) : undefined;
  const description = productDescription(
    product ?? { code: line.code, description: line.description, productType: 'P', numberCode: line.code },
  );
  return {
    LineNumber: String(line.position),
    OrderReferences: rectifying ? [] : orderReferences(line),
    ProductCode: key(line.code),
    ProductDescription: description,
    Quantity: decimal(line.quantity),
    UnitOfMeasure: textOr(line.unit, 20, 'UN'),
    UnitPrice: decimal(line.amounts.unitNetPrice),
    TaxPointDate: kind === 'movement' ? undefined : taxPointDate(doc, line),
    References: rectifying ? references(doc, line) : [],
    Description: textOr(line.description, 200, description),
    DebitAmount: debit ? amount : undefined,
    CreditAmount: debit ? undefined : amount,
    Tax: withTax
      ? {
          TaxType: tax.type,
          TaxCountryRegion: tax.region,
          TaxCode: tax.code,
          TaxPercentage: decimal(tax.rate),
        }
      : undefined,
    ...(withTax ? exemption(line.exemption?.code ?? null, line.exemption?.reason ?? null) : {}),
    SettlementAmount: settlement,
  };
}
