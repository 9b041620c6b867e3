import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTaxId } from './tax-id.js';

test('Portugal: the NIF check digit, with or without the PT prefix', () => {
  assert.deepEqual(checkTaxId('PT 503 504 564', 'pt'), { valid: true, normalized: '503504564' });
  assert.equal(checkTaxId('503504565', 'PT').valid, false);
  assert.equal(checkTaxId('503504564', '').valid, true);
});

test('Belgium: the enterprise number mod-97 check, normalized as the VAT number', () => {
  assert.deepEqual(checkTaxId('0202.239.951', 'BE'), { valid: true, normalized: 'BE0202239951' });
  assert.equal(checkTaxId('BE0202239952', 'BE').valid, false);
});

test('other EU countries: the VAT number format; elsewhere: free of format', () => {
  assert.deepEqual(checkTaxId('B12345678', 'ES'), { valid: true, normalized: 'ESB12345678' });
  assert.equal(checkTaxId('123', 'DE').valid, false);
  assert.equal(checkTaxId('12-3456789', 'US').valid, true);
  assert.equal(checkTaxId('<script>', 'US').valid, false);
});
