import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../errors.js';
import { bankAccountInput, parseBic, parseIban } from './bank-account.js';

test('IBANs: normalized without spaces and upper-case; wrong check digits, length or country refused', () => {
  assert.equal(parseIban('be68 5390 0754 7034'), 'BE68539007547034');
  assert.equal(parseIban('PT50 0002 0123 1234 5678 9015 4'), 'PT50000201231234567890154');
  assert.equal(parseIban('DE89 3704 0044 0532 0130 00'), 'DE89370400440532013000');
  assert.equal(parseIban('BE69 5390 0754 7034'), null); // check digits
  assert.equal(parseIban('BE68 5390 0754 703'), null); // BE is 16 long
  assert.equal(parseIban('ZZ68 5390 0754 7034'), null); // no such country
  assert.equal(parseIban('not an iban'), null);
});

test('BICs: 8 or 11 characters, upper-cased', () => {
  assert.equal(parseBic('gebabebb'), 'GEBABEBB');
  assert.equal(parseBic('CGDIPTPLXXX'), 'CGDIPTPLXXX');
  assert.equal(parseBic('GEBABE'), null);
  assert.equal(parseBic('GEBA1EBB'), null);
});

test('the input: null or blank clears, absent keeps, each bad field named', () => {
  assert.deepEqual(bankAccountInput({}), {});
  assert.deepEqual(bankAccountInput({ iban: null, bic: ' ' }), { iban: null, bic: null });
  assert.deepEqual(bankAccountInput({ iban: 'be68539007547034' }), { iban: 'BE68539007547034' });
  assert.throws(
    () => bankAccountInput({ iban: 'BE69539007547034', bic: 'X' }),
    (e: unknown) =>
      e instanceof DomainError && e.code === 'validation' && e.details.map((d) => d.field).join() === 'iban,bic',
  );
});
