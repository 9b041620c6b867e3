import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatters } from './format.js';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

test('money from decimal strings, exact, in each language and currency', () => {
  assert.equal(nbsp(formatters('pt').money('12345.5')), '12 345,50 €');
  assert.equal(nbsp(formatters('en').money('12345.5')), '€12,345.50');
  assert.equal(nbsp(formatters('en').money('0.1', 'USD')), 'US$0.10');
  // A value no float holds exactly is still rounded as a decimal (half away from zero).
  assert.equal(nbsp(formatters('pt').money('1.005')), '1,01 €');
  assert.equal(nbsp(formatters('pt').money('10', 'not-a-currency')), '10 not-a-currency');
});

test('a calendar day is not moved by any time zone; instants are in Lisbon time', () => {
  assert.equal(formatters('en').date('2026-01-01'), '1 Jan 2026');
  assert.equal(formatters('pt').date('2026-12-31'), '31/12/2026');
  assert.match(formatters('en').dateTime('2026-07-01T23:30:00Z'), /2 Jul 2026, 00:30/);
  assert.equal(formatters('en').date('garbage'), 'garbage');
});
