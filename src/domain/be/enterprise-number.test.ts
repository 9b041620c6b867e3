import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  belgianVatNumber,
  checkEnterpriseNumber,
  enterpriseCheckDigits,
  formatEnterpriseNumber,
} from './enterprise-number.js';

test('the check digits are 97 − (first eight mod 97)', () => {
  // 01234567 mod 97 = 48 → 97 − 48 = 49
  assert.equal(enterpriseCheckDigits('01234567'), '49');
  // Proximus (KBO 0202.239.951) and the enterprise of the Belgian Peppol examples.
  assert.equal(enterpriseCheckDigits('02022399'), '51');
  assert.equal(enterpriseCheckDigits('04123456'), '14');
});

test('valid enterprise numbers in their usual forms', () => {
  for (const v of [
    '0123456749',
    '0123.456.749',
    'BE0123456749',
    'be 0123 456 749',
    '123456749',
    '0202.239.951',
    '0412345614',
  ])
    assert.deepEqual(checkEnterpriseNumber(v).valid, true, v);
  assert.equal(checkEnterpriseNumber('0123.456.749').digits, '0123456749');
  assert.equal(checkEnterpriseNumber('123456749').digits, '0123456749');
  assert.equal(formatEnterpriseNumber('0123456749'), '0123.456.749');
});

test('a wrong check, a wrong length, a first digit other than 0 or 1 and letters are refused', () => {
  for (const v of ['0123456748', '012345674', '01234567490', '2123456749', '0123A56749', ''])
    assert.equal(checkEnterpriseNumber(v).valid, false, v);
  // 1xxx numbers (since 2023) follow the same check.
  const first = '10000000';
  assert.equal(checkEnterpriseNumber(first + enterpriseCheckDigits(first)).valid, true);
});

test('the VAT number is BE + the 10 digits', () => {
  assert.equal(belgianVatNumber('0123.456.749'), 'BE0123456749');
  assert.equal(belgianVatNumber('BE 0123 456 748'), null);
});
