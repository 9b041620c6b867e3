import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mfReader } from '../reader.js';
import { countryCodeOf, countryName } from './country.js';

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
