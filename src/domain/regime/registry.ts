import { portugal } from '../pt/regime.js';
import type { FiscalRegime, RegimeCode } from './fiscal-regime.js';

const REGIMES: Readonly<Record<RegimeCode, FiscalRegime>> = { PT: portugal };

export function fiscalRegime(code: RegimeCode): FiscalRegime {
  return REGIMES[code];
}

/**
 * The regime an account issues under. Every account is Portuguese today: the account's own regime column
 * comes with the second regime (#16), and this lookup is where it is read.
 */
export function regimeOf(_account: { id: number }): FiscalRegime {
  return REGIMES.PT;
}
