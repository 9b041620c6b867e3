import { Decimal } from './decimal.js';

/** A decimal string without trailing zeros ("1.5000000000" → "1.5", "23.0000" → "23"). */
export function trimDecimal(v: string): string;
export function trimDecimal(v: string | null): string | null;
export function trimDecimal(v: string | null): string | null {
  return v === null ? null : new Decimal(v).toFixed();
}
