import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSharedJson, skipUnlessShared } from '../../../test/support/shared.js';
import { DomainError } from '../errors.js';
import { VAT_RATES, ratesInForce, vatRateOn, type VatRateCode, type VatRegion } from './vat-rates.js';

const JSON_PATH = ['specs', 'pt', 'reference', 'vat_rates.json'] as const;
interface SharedRates {
  rates: { region: string; code: string; percent: number; validFrom: string; validTo: string | null }[];
}

const pct = (region: VatRegion, code: VatRateCode, day: string): string | undefined =>
  vatRateOn(region, code, day)?.rate.toString();
const table = (day: string): Record<string, string> =>
  Object.fromEntries(ratesInForce(day).map((r) => [`${r.region} ${r.code}`, r.rate.toString()]));

test('matches vat_rates.json entry for entry', skipUnlessShared(...JSON_PATH), () => {
  const { rates } = readSharedJson<SharedRates>(...JSON_PATH);
  const key = (region: string, code: string, rate: string, from: string, to: string | null): string =>
    [region, code, rate, from, to].join('|');
  assert.deepEqual(
    VAT_RATES.map((r) => key(r.region, r.code, r.rate.toString(), r.validFrom, r.validTo)).sort(),
    rates.map((r) => key(r.region, r.code, String(r.percent), r.validFrom, r.validTo)).sort(),
  );
});

test('rates in force today-ish (2025): PT 6/13/23, Azores 4/9/16, Madeira 4/12/22', () => {
  assert.deepEqual(table('2025-06-15'), {
    'PT RED': '6',
    'PT INT': '13',
    'PT NOR': '23',
    'PT-AC RED': '4',
    'PT-AC INT': '9',
    'PT-AC NOR': '16',
    'PT-MA RED': '4',
    'PT-MA INT': '12',
    'PT-MA NOR': '22',
  });
});

test('Madeira reduced rate: 5% until 2024-09-30, 4% from 2024-10-01', () => {
  assert.equal(pct('PT-MA', 'RED', '2024-09-30'), '5');
  assert.equal(pct('PT-MA', 'RED', '2024-10-01'), '4');
  assert.equal(pct('PT-MA', 'RED', '2024-09-30T23:59:59'), '5');
  assert.equal(pct('PT-MA', 'NOR', '2012-04-01'), '22');
  assert.equal(pct('PT-MA', 'NOR', '2012-03-31'), undefined);
});

test('Azores normal rate: 18% until 2021-06-30, 16% from 2021-07-01', () => {
  assert.equal(pct('PT-AC', 'NOR', '2021-06-30'), '18');
  assert.equal(pct('PT-AC', 'NOR', '2021-07-01'), '16');
  assert.equal(pct('PT-AC', 'RED', '2021-06-30'), '4');
  assert.equal(pct('PT-AC', 'INT', '2015-07-01'), '9');
  assert.equal(pct('PT-AC', 'INT', '2015-06-30'), undefined);
});

test('exactly one rate per region and code on any day since 2015-07-01', () => {
  for (const day of [
    '2015-07-01',
    '2019-01-01',
    '2021-06-30',
    '2021-07-01',
    '2024-09-30',
    '2024-10-01',
    '2030-01-01',
  ]) {
    assert.equal(ratesInForce(day).length, 9, day);
    assert.equal(Object.keys(table(day)).length, 9, day);
  }
  assert.deepEqual(Object.keys(table('2010-12-31')), []);
});

test('a malformed date is a validation error', () => {
  assert.throws(
    () => ratesInForce('2024/10/01'),
    (e: unknown) => e instanceof DomainError && e.code === 'validation',
  );
  assert.throws(() => vatRateOn('PT', 'NOR', ''), DomainError);
});
