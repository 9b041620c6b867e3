import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONSUMIDOR_FINAL_NIF, isValidPtNif, validateTaxId } from './nif.js';

test('valid NIFs of portugal.md §7.1', () => {
  for (const nif of ['999999990', '599999993', '123456789', '500000000', '555555550', '503340855', '510111114']) {
    assert.ok(isValidPtNif(nif), nif);
  }
  assert.ok(isValidPtNif(CONSUMIDOR_FINAL_NIF));
  assert.equal(CONSUMIDOR_FINAL_NIF, '999999990');
});

test('invalid NIFs: checksum, prefix, shape', () => {
  for (const nif of ['999999999', '123456780', '412345678', '12345678', '1234567890', '12345678a', ' 123456789', '']) {
    assert.ok(!isValidPtNif(nif), nif);
  }
});

test('check digit: a remainder below 2 gives 0', () => {
  // 5·9+5·8+5·7+5·6+5·5+5·4+5·3+5·2 = 220 ≡ 0 (mod 11) → check 0; 1·9+0·8+… = 9 → check 2.
  assert.ok(isValidPtNif('555555550'));
  assert.ok(!isValidPtNif('555555551'));
  assert.ok(isValidPtNif('100000002'));
});

test('each listed prefix is accepted and others refused', () => {
  const withCheck = (first8: string): string => {
    let s = 0;
    for (let i = 0; i < 8; i++) s += Number(first8[i]) * (9 - i);
    const r = s % 11;
    return first8 + String(r < 2 ? 0 : 11 - r);
  };
  for (const p of [
    '1',
    '2',
    '3',
    '5',
    '6',
    '8',
    '45',
    '70',
    '71',
    '72',
    '74',
    '75',
    '77',
    '78',
    '79',
    '90',
    '91',
    '98',
    '99',
  ]) {
    assert.ok(isValidPtNif(withCheck(p.padEnd(8, '1'))), p);
  }
  for (const p of ['0', '40', '41', '44', '46', '47', '73', '76', '92', '97']) {
    assert.ok(!isValidPtNif(withCheck(p.padEnd(8, '1'))), p);
  }
});

test('PT tax ids: optional PT prefix and spaces are stripped', () => {
  assert.deepEqual(validateTaxId('PT 503 340 855', 'PT'), { valid: true, normalized: '503340855' });
  assert.deepEqual(validateTaxId('pt503340855', 'pt'), { valid: true, normalized: '503340855' });
  assert.deepEqual(validateTaxId('999999990', 'PT'), { valid: true, normalized: '999999990' });
  assert.deepEqual(validateTaxId('PT123456780', 'PT'), { valid: false, normalized: '123456780' });
  assert.equal(validateTaxId('ES123456789', 'PT').valid, false);
});

test('EU VAT numbers: format per country, prefix optional, normalized with prefix', () => {
  assert.deepEqual(validateTaxId('DE 123.456.789', 'DE'), { valid: true, normalized: 'DE123456789' });
  assert.deepEqual(validateTaxId('123456789', 'DE'), { valid: true, normalized: 'DE123456789' });
  assert.deepEqual(validateTaxId('023456789', 'DE'), { valid: false, normalized: 'DE023456789' });
  assert.deepEqual(validateTaxId('U12345678', 'AT'), { valid: true, normalized: 'ATU12345678' });
  assert.deepEqual(validateTaxId('BE 0123.456.789', 'BE'), { valid: true, normalized: 'BE0123456789' });
  assert.deepEqual(validateTaxId('123456789B01', 'nl'), { valid: true, normalized: 'NL123456789B01' });
  assert.deepEqual(validateTaxId('B12345678', 'ES'), { valid: true, normalized: 'ESB12345678' });
  assert.deepEqual(validateTaxId('X1234567L', 'ES'), { valid: true, normalized: 'ESX1234567L' });
  assert.deepEqual(validateTaxId('1234567T', 'IE'), { valid: true, normalized: 'IE1234567T' });
  assert.deepEqual(validateTaxId('556677889901', 'SE'), { valid: true, normalized: 'SE556677889901' });
  assert.equal(validateTaxId('556677889902', 'SE').valid, false);
  assert.equal(validateTaxId('1234567', 'LU').valid, false);
});

test('France: numeric and alphanumeric keys, including a key that reads "FR"', () => {
  assert.deepEqual(validateTaxId('FR 40 303 265 045', 'FR'), { valid: true, normalized: 'FR40303265045' });
  assert.deepEqual(validateTaxId('K7399859412', 'FR'), { valid: true, normalized: 'FRK7399859412' });
  assert.deepEqual(validateTaxId('FR123456789', 'FR'), { valid: true, normalized: 'FRFR123456789' });
  assert.equal(validateTaxId('FRI0303265045', 'FR').valid, false);
});

test('Greece uses the EL prefix; GR input is accepted', () => {
  assert.deepEqual(validateTaxId('123456789', 'GR'), { valid: true, normalized: 'EL123456789' });
  assert.deepEqual(validateTaxId('EL123456789', 'GR'), { valid: true, normalized: 'EL123456789' });
  assert.deepEqual(validateTaxId('GR123456789', 'GR'), { valid: true, normalized: 'EL123456789' });
});

test('other countries: at most 30 characters of letters, digits, ".", "-", "/" and space', () => {
  assert.deepEqual(validateTaxId(' 12-345/678.9 AB ', 'BR'), { valid: true, normalized: '12-345/678.9 AB' });
  assert.deepEqual(validateTaxId('GB123456789', 'GB'), { valid: true, normalized: 'GB123456789' });
  assert.equal(validateTaxId('X'.repeat(30), 'US').valid, true);
  assert.equal(validateTaxId('X'.repeat(31), 'US').valid, false);
  assert.equal(validateTaxId('12#34', 'US').valid, false);
  assert.equal(validateTaxId('   ', 'US').valid, false);
});
