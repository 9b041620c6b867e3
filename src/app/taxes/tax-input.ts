import { IssueCollector } from '../../domain/errors.js';
import { isIsoDate } from '../../domain/time.js';
import { parseDecimal } from '../../domain/money/decimal.js';
import { taxCodeForRate } from '../../domain/pt/vat-rates.js';

export interface TaxInput {
  name?: string;
  type?: 'IVA' | 'IS' | 'NS';
  region?: string;
  code?: 'NOR' | 'INT' | 'RED' | 'ISE' | 'OUT' | 'NS';
  rate?: string | number;
  isDefault?: boolean;
  validFrom?: string | null;
  validTo?: string | null;
}

export function taxValues(input: TaxInput, partial: boolean): Record<string, unknown> {
  const c = new IssueCollector();
  const out: Record<string, unknown> = {};
  if (input.name !== undefined || !partial) {
    const n = input.name?.trim();
    if (!n) c.add('name', 'required', 'The name is required.');
    else if (n.length > 60) c.add('name', 'too_long', 'At most 60 characters.', '60');
    else out.name = n;
  }
  if (input.type !== undefined) {
    if (!['IVA', 'IS', 'NS'].includes(input.type)) c.add('type', 'invalid', 'IVA, IS or NS.');
    else out.tax_type = input.type;
  }
  if (input.region !== undefined || !partial) {
    const r = (input.region ?? 'PT').toUpperCase();
    // NOTE: SAF-T TaxCountryRegion is ISO 3166-1 alpha-2 plus PT-AC and PT-MA.
    if (!/^([A-Z]{2}|PT-AC|PT-MA)$/.test(r)) c.add('region', 'invalid', 'An ISO country code, PT-AC or PT-MA.');
    else out.region = r;
  }
  if (input.code !== undefined) {
    if (!input.code || !['NOR', 'INT', 'RED', 'ISE', 'OUT', 'NS'].includes(input.code))
      c.add('code', 'invalid', 'NOR, INT, RED, ISE, OUT or NS.');
    else out.saft_code = input.code;
  }
  if (input.rate !== undefined || !partial) {
    const r = input.rate === undefined ? undefined : parseDecimal(input.rate);
    if (!r || r.lt(0) || r.gte(100) || r.decimalPlaces() > 4)
      c.add('rate', 'out_of_range', 'A percentage from 0 to 99.9999.');
    else out.rate = r.toString();
  }
  // A new tax given by rate only takes the code of that rate in its region (23% in PT → NOR).
  if (!partial && input.code === undefined && out.rate !== undefined && out.region !== undefined) {
    out.saft_code = taxCodeForRate(out.region as string, parseDecimal(out.rate as string)!);
  }
  if (
    out.saft_code &&
    ['ISE', 'NS'].includes(out.saft_code as string) &&
    out.rate !== undefined &&
    Number(out.rate) !== 0
  )
    c.add('rate', 'invalid', 'Exempt and non-subject taxes are 0%.');
  if (input.isDefault !== undefined) out.is_default = !!input.isDefault;
  for (const [k, col] of [
    ['validFrom', 'valid_from'],
    ['validTo', 'valid_to'],
  ] as const) {
    if (input[k] === undefined) continue;
    if (input[k] !== null && !isIsoDate(input[k])) c.add(k, 'invalid', 'Use YYYY-MM-DD.');
    else out[col] = input[k];
  }
  c.throwIfAny();
  return out;
}
