import { belgium } from '../be/regime.js';
import { portugal } from '../pt/regime.js';
import type { FiscalRegime, RegimeCode } from './fiscal-regime.js';

const REGIMES: Readonly<Record<RegimeCode, FiscalRegime>> = { PT: portugal, BE: belgium };

export function fiscalRegime(code: RegimeCode): FiscalRegime {
  return REGIMES[code];
}

/** Whether a country code names a regime: an account's country is PT or BE (migration 0020). */
export function isRegimeCode(country: string): country is RegimeCode {
  return Object.hasOwn(REGIMES, country);
}

/**
 * The regime an account issues under: its country (PT or BE, fixed once it finalized a document). An account of
 * another country, created before migration 0020, issued under the Portuguese regime and still does.
 */
export function regimeOf(account: { country: string }): FiscalRegime {
  return isRegimeCode(account.country) ? REGIMES[account.country] : REGIMES.PT;
}
