import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mfReader } from '../reader.js';
import { countryCodeOf, countryName, countryOf } from './country.js';

test('CountryCode: any letter case, PT when absent, a ValidationError when not two letters', () => {
  assert.equal(countryCodeOf(mfReader({ CountryCode: 'pt' }), 'CountryCode'), 'PT');
  assert.equal(countryCodeOf(mfReader({}), 'CountryCode'), 'PT');
  const bad = mfReader({ CountryCode: 'Portugal' });
  countryCodeOf(bad, 'CountryCode');
  assert.throws(
    () => bad.check(),
    (err: { code?: number }) => err.code === 2,
  );
});

test('the country name in Portuguese, the code when unknown', () => {
  assert.equal(countryName('PT'), 'Portugal');
  assert.equal(countryName('BE'), 'Bélgica');
  assert.equal(countryName('??'), '??');
});

test('a country by code or by name (pt, en, es, fr; accents and case optional); unknown is a ValidationError', () => {
  const of = (v: string) => countryOf(mfReader({ CompanyCountry: v }), 'CompanyCountry');
  assert.deepEqual(
    [
      'pt',
      'Portugal',
      'Bélgica',
      'belgica',
      'Belgium',
      'Belgique',
      'ESPANHA',
      'Spain',
      'España',
      'Alemanha',
      'Germany',
    ].map(of),
    ['PT', 'PT', 'BE', 'BE', 'BE', 'BE', 'ES', 'ES', 'ES', 'DE', 'DE'],
  );
  assert.equal(countryOf(mfReader({}), 'CompanyCountry'), 'PT');
  for (const bad of ['Atlantis', 'ZZ', 'Portugual']) {
    const r = mfReader({ CompanyCountry: bad });
    countryOf(r, 'CompanyCountry');
    assert.throws(
      () => r.check(),
      (err: { code?: number }) => err.code === 2,
      bad,
    );
  }
});
