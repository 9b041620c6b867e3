import { dec, roundTo } from '../../domain/money/decimal.js';
import type { IssuedAddress, IssuedDocument } from '../../domain/documents/issued-document.js';
import { addressStructure } from './address.js';
import { type XmlRecord, dateTime, positive, text } from './xml.js';

/** NOTE: P302 4.1.4.3.4 — the user who issued the document (its stable id, never reused). */
export function sourceId(doc: IssuedDocument): string {
  return doc.userId === null ? 'Faturador' : String(doc.userId);
}

/** NOTE: P302 4.1.4.6 — the month of the tax period, counted from its start (the calendar year here). */
export function period(doc: IssuedDocument): string {
  return String(Number(doc.date.slice(5, 7)));
}

export interface DocumentState {
  status: 'N' | 'A' | 'F';
  date: string;
  reason?: string;
}

/**
 * The current state of a document: A with its reason when cancelled; F ("faturado") for a guide or working
 * document carried into an invoice, dated when that invoice was entered; N otherwise.
 * NOTE: P302 4.1.4.3.1–4.1.4.3.3, 4.2.3.3.1, 4.3.4.3.1.
 */
export function documentState(doc: IssuedDocument, invoicedAt?: string): DocumentState {
  const entered = dateTime(doc.statusDate ?? doc.systemEntry!);
  if (doc.status === 'cancelled') return { status: 'A', date: entered, reason: text(doc.cancelReason, 50) };
  if (invoicedAt) return { status: 'F', date: dateTime(invoicedAt) > entered ? dateTime(invoicedAt) : entered };
  return { status: 'N', date: entered };
}

/** NOTE: D8632 §2.3–2.5, portugal.md §2.5 — the signature and the key version that made it ("0" when unsigned). */
export function signature(doc: IssuedDocument): { Hash: string; HashControl: string } {
  const s = doc.signature;
  return { Hash: s.hash ?? '0', HashControl: s.hash ? (s.hashControl ?? '1') : '0' };
}

/**
 * The Currency block of a document in another currency. Amounts stay in EUR; CurrencyAmount is the gross total
 * in the document's currency. The stored rate is units of the currency per euro; SAF-T's ExchangeRate converts
 * the currency into EUR (AT demo: CurrencyAmount 317.45 USD × ExchangeRate 0.740747 = GrossTotal 235.15).
 */
export function currency(doc: IssuedDocument): XmlRecord | undefined {
  if (doc.currency === 'EUR' || !doc.exchangeRate || !doc.currencyTotal) return undefined;
  const rate = dec(doc.exchangeRate);
  if (!rate.gt(0)) return undefined;
  return {
    CurrencyCode: doc.currency,
    CurrencyAmount: doc.currencyTotal,
    ExchangeRate: roundTo(dec(1).div(rate), 8).toFixed(),
  };
}

/** NOTE: portugal.md §9.1 — the legal basis of the withholding (IS would need its verba code, which is not kept). */
const WITHHOLDING_BASIS: Record<string, string> = { IRS: 'Artigo 101.º do CIRS', IRC: 'Artigo 94.º do CIRC' };

/**
 * WithholdingTax, after DocumentTotals; it never reduces GrossTotal.
 * NOTE: D8632 §2.2.7, P302 4.1.4.21.
 */
export function withholding(type: string | null, amount: string): XmlRecord[] {
  if (!positive(amount)) return [];
  const t = type && ['IRS', 'IRC', 'IS'].includes(type) ? type : undefined;
  return [
    {
      WithholdingTaxType: t,
      WithholdingTaxDescription: t ? WITHHOLDING_BASIS[t] : undefined,
      WithholdingTaxAmount: dec(amount).toFixed(2),
    },
  ];
}

/**
 * ShipTo / ShipFrom: where goods are unloaded or loaded, with the date. The vehicle goes in ShipFrom's
 * DeliveryID, as in the AT demo file (SAF-T 1.04_01 has no vehicle element).
 */
export function shippingPoint(
  address: IssuedAddress | null,
  at: string | null,
  deliveryId?: string | null,
): XmlRecord | undefined {
  if (!address) return undefined;
  return {
    DeliveryID: text(deliveryId, 255),
    DeliveryDate: at ? at.slice(0, 10) : undefined,
    Address: addressStructure(address, true),
  };
}
