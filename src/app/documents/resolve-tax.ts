import { DomainError } from '../../domain/errors.js';
import { parseDecimal } from '../../domain/money/decimal.js';
import type { Tax } from '../../infra/db/schema.js';

export interface TaxLookup {
  taxId?: number | null;
  taxName?: string | null;
  taxRate?: string | number | null;
  taxRegion?: string | null;
}

/** Finds a line's tax among the account's taxes. */
export class TaxResolver {
  constructor(
    private readonly all: Tax[],
    private readonly defaultTaxId: number | null,
    /** The region of a tax given by rate alone: the account's country (PT, BE). */
    private readonly defaultRegion = 'PT',
  ) {}

  default(): Tax {
    const all = this.all;
    const t = all.find((x) => x.id === this.defaultTaxId) ?? all.find((x) => x.is_default);
    if (!t) throw new DomainError('not_found', 'The account has no default tax.', [], { resource: 'tax' });
    return t;
  }

  /**
   * By id (must exist), by name (an unknown name falls back to the default tax, as every vendor API does),
   * or by rate and region; otherwise the fallback (the item's tax) or the account default.
   */
  resolve(l: TaxLookup, field: string, fallbackTaxId?: number | null): Tax {
    const all = this.all;
    if (l.taxId !== undefined && l.taxId !== null) {
      const t = all.find((x) => x.id === Number(l.taxId));
      if (!t)
        throw new DomainError(
          'not_found',
          `Tax ${l.taxId} does not exist.`,
          [{ field, issue: 'unknown', message: 'Not found in this account.' }],
          { resource: 'tax' },
        );
      return t;
    }
    if (l.taxName) {
      const name = l.taxName.trim().toLowerCase();
      return all.find((x) => x.name.toLowerCase() === name) ?? this.default();
    }
    if (l.taxRate !== undefined && l.taxRate !== null) {
      const rate = parseDecimal(l.taxRate);
      if (!rate)
        throw new DomainError('validation', 'Invalid tax rate.', [{ field, issue: 'invalid', message: 'A number.' }]);
      const region = (l.taxRegion ?? this.defaultRegion).toUpperCase();
      const t = all.find((x) => x.region === region && rate.eq(x.rate) && x.valid_to === null);
      if (!t)
        throw new DomainError(
          'not_found',
          `No ${rate}% tax for region ${region}.`,
          [{ field, issue: 'unknown', message: 'No such tax rate in this account.', value: rate.toString() }],
          { resource: 'tax' },
        );
      return t;
    }
    if (fallbackTaxId) {
      const t = all.find((x) => x.id === fallbackTaxId);
      if (t) return t;
    }
    return this.default();
  }
}
