import { Decimal as DecimalJs } from 'decimal.js';

/** Exact decimal arithmetic for all money, quantities and rates. Never use JS numbers for these. */
export const Decimal = DecimalJs.clone({
  precision: 50,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Decimal = DecimalJs;

export type DecimalInput = string | number | DecimalJs;

export const ZERO = new Decimal(0);
export const HUNDRED = new Decimal(100);

export function dec(v: DecimalInput): Decimal {
  return new Decimal(v);
}

/** Half-up rounding to cents. NOTE: AT texts name no rounding mode; half-up is the common convention (portugal.md §9.3). */
export function round2(v: Decimal): Decimal {
  return v.toDecimalPlaces(2, DecimalJs.ROUND_HALF_UP);
}

export function roundTo(v: Decimal, places: number): Decimal {
  return v.toDecimalPlaces(places, DecimalJs.ROUND_HALF_UP);
}

/** Two-decimal string with '.' separator and no thousands separator (the SAF-T, signature and QR format). */
export function fmt2(v: Decimal): string {
  return round2(v).toFixed(2);
}

/** Parses a user-supplied decimal (string or number); returns undefined when it is not a finite decimal. */
export function parseDecimal(v: unknown): Decimal | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? new Decimal(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  return new Decimal(s);
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
