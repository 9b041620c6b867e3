import { dec } from '../../domain/money/decimal.js';
import { element } from './xml.js';

/** A control sum: at least two decimals, and every decimal the summed values had (they are not rounded). */
export function controlAmount(v: string): string {
  const d = dec(v);
  return d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed();
}

/**
 * The control totals that open a source-documents table. NOTE: P302 4.1.1–4.1.3, 4.3.1–4.3.3, 4.4.1–4.4.3 —
 * NumberOfEntries counts every document, cancelled ones included; TotalDebit and TotalCredit sum the line
 * amounts of the documents that are not cancelled.
 */
export function entryTotals(entries: number, debit: string, credit: string): string {
  return (
    element('NumberOfEntries', String(entries)) +
    element('TotalDebit', controlAmount(debit)) +
    element('TotalCredit', controlAmount(credit))
  );
}

/** NOTE: P302 4.2.1–4.2.2 — every line of every guide; quantities of guides that are not cancelled. */
export function movementTotals(lines: number, quantity: string): string {
  return element('NumberOfMovementLines', String(lines)) + element('TotalQuantityIssued', dec(quantity).toFixed());
}
