import { dec, type Decimal } from '../money/decimal.js';
import { isoDay } from './iso-day.js';

/**
 * VAT rates per SAF-T TaxCountryRegion / TaxCode, with history: the rate that applies is the one in force when
 * the tax becomes due. NOTE: CIVA art. 18.º n.ºs 1 and 9; regional rates set by the regional assemblies since
 * Lei 12/2022 (OC 25045/2024). Data: `specs/pt/reference/vat_rates.json` (portugal.md §6.1), embedded so the
 * runtime reads no files.
 */
export type VatRegion = 'PT' | 'PT-AC' | 'PT-MA';
export type VatRateCode = 'RED' | 'INT' | 'NOR';

export interface VatRate {
  region: VatRegion;
  code: VatRateCode;
  /** Percentage, e.g. 23 (as TaxRef.rate). */
  rate: Decimal;
  /** First day in force (YYYY-MM-DD). */
  validFrom: string;
  /** Last day in force; null while in force. */
  validTo: string | null;
  basis: string;
}

const rate = (
  region: VatRegion,
  code: VatRateCode,
  percent: string,
  validFrom: string,
  validTo: string | null,
  basis: string,
): VatRate => ({ region, code, rate: dec(percent), validFrom, validTo, basis });

export const VAT_RATES: readonly VatRate[] = [
  rate('PT', 'RED', '6', '2011-01-01', null, 'CIVA art. 18.º n.º 1 a) + Lista I'),
  rate('PT', 'INT', '13', '2011-01-01', null, 'CIVA art. 18.º n.º 1 b) + Lista II'),
  rate('PT', 'NOR', '23', '2011-01-01', null, 'CIVA art. 18.º n.º 1 c) (Lei 55-A/2010)'),
  // NOTE: Azores 4/9/18 from Lei 63-A/2015 (start date inferred); 4/9/16 from DLR 15-A/2021/A (national rates −30%).
  rate('PT-AC', 'RED', '4', '2015-07-01', '2021-06-30', 'Lei 63-A/2015'),
  rate('PT-AC', 'INT', '9', '2015-07-01', '2021-06-30', 'Lei 63-A/2015'),
  rate('PT-AC', 'NOR', '18', '2015-07-01', '2021-06-30', 'Lei 63-A/2015'),
  rate(
    'PT-AC',
    'RED',
    '4',
    '2021-07-01',
    null,
    'DLR 15-A/2021/A; Despacho 194/2021-XXII; OC 30237/2021; OC 25045/2024',
  ),
  rate(
    'PT-AC',
    'INT',
    '9',
    '2021-07-01',
    null,
    'DLR 15-A/2021/A; Despacho 194/2021-XXII; OC 30237/2021; OC 25045/2024',
  ),
  rate(
    'PT-AC',
    'NOR',
    '16',
    '2021-07-01',
    null,
    'DLR 15-A/2021/A; Despacho 194/2021-XXII; OC 30237/2021; OC 25045/2024',
  ),
  // NOTE: Madeira 5/12/22 from Lei 14-A/2012; reduced rate 4% from 2024-10-01 (regional budget measure, OC 25045/2024).
  rate('PT-MA', 'RED', '5', '2012-04-01', '2024-09-30', 'Lei 14-A/2012'),
  rate('PT-MA', 'RED', '4', '2024-10-01', null, 'Madeira regional budget measure, OC 25045/2024'),
  rate('PT-MA', 'INT', '12', '2012-04-01', null, 'Lei 14-A/2012'),
  rate('PT-MA', 'NOR', '22', '2012-04-01', null, 'Lei 14-A/2012'),
];

const inForce = (r: VatRate, day: string): boolean => day >= r.validFrom && (r.validTo === null || day <= r.validTo);

/** The rates in force on a day (YYYY-MM-DD or an ISO date-time), one per region and code where known. */
export function ratesInForce(isoDate: string): VatRate[] {
  const day = isoDay(isoDate);
  return VAT_RATES.filter((r) => inForce(r, day));
}

/** The rate of a region and code on a day; undefined before the earliest known rate. */
export function vatRateOn(region: VatRegion, code: VatRateCode, isoDate: string): VatRate | undefined {
  const day = isoDay(isoDate);
  return VAT_RATES.find((r) => r.region === region && r.code === code && inForce(r, day));
}

/**
 * The SAF-T TaxCode of a percentage in a region, for taxes defined by rate only: the code of a rate the region
 * has (or had), ISE for 0%, OUT for any other percentage (P302 4.1.4.19.15: OUT covers rates outside the table).
 */
export function taxCodeForRate(region: string, percent: Decimal): VatRateCode | 'ISE' | 'OUT' {
  if (percent.isZero()) return 'ISE';
  const known = VAT_RATES.filter((r) => r.region === region && r.rate.eq(percent));
  const current = known.find((r) => r.validTo === null) ?? known[known.length - 1];
  return current?.code ?? 'OUT';
}
