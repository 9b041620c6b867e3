import { test } from 'node:test';
import assert from 'node:assert/strict';
import { date, dateTime, formatNumber, money, quantity, unitPrice, withCurrency } from './format.js';

test('numbers per language, from decimal strings', () => {
  assert.equal(money('1234567.5', 'pt'), '1 234 567,50');
  assert.equal(money('1234567.5', 'en'), '1,234,567.50');
  assert.equal(money('-35.4', 'fr'), '-35,40');
  assert.equal(money('0.005', 'pt'), '0,01');
  assert.equal(quantity('2.0000000000', 'pt'), '2');
  assert.equal(quantity('1.5000000000', 'en'), '1.5');
  assert.equal(unitPrice('24.3902000000', 'pt'), '24,3902');
  assert.equal(unitPrice('10.0000000000', 'en'), '10.00');
  assert.equal(formatNumber('23.0000', 'pt', 0, 4), '23');
  assert.equal(withCurrency('123,00', 'EUR', 'pt'), '123,00 €');
  assert.equal(withCurrency('123.00', 'EUR', 'en'), '€123.00');
  assert.equal(withCurrency('132.84', 'USD', 'en'), '132.84 USD');
});

test('dates: DD-MM-AAAA in pt and fr, ISO in en', () => {
  assert.equal(date('2026-01-10', 'pt'), '10-01-2026');
  assert.equal(date('2026-01-10', 'en'), '2026-01-10');
  assert.equal(dateTime('2026-01-10T09:05:00', 'fr'), '10-01-2026 09:05');
  assert.equal(dateTime('2026-01-10 09:05:00', 'en'), '2026-01-10 09:05');
});
