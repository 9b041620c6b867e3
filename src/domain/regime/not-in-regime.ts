import { DomainError } from '../errors.js';
import type { FiscalRegime } from './fiscal-regime.js';

/** The error of a feature the account's fiscal regime does not have, naming the reason (422 `not_in_regime`). */
export function notInRegime(regime: FiscalRegime, reason: string, field?: string): DomainError {
  return new DomainError(
    'not_in_regime',
    `${reason} (the account issues under the ${regime.code} regime).`,
    field ? [{ field, issue: 'not_allowed', message: reason }] : [],
    { regime: regime.code },
  );
}

/** Throws `not_in_regime` unless the regime has the Portuguese audit file and tax authority (SAF-T (PT), AT, ATCUD). */
export function requirePortugueseFeature(regime: FiscalRegime, feature: string): void {
  if (regime.auditFile === 'SAF-T (PT)' && regime.taxAuthorities.includes('AT')) return;
  throw notInRegime(regime, `${feature} a feature of the Portuguese regime only`);
}
