import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateText, decimalText } from './decimal-text.js';

test('numbers with decimal commas, thousands separators, signs and percent signs', () => {
  for (const [raw, want] of [
    ['12', '12'],
    ['12,5', '12.5'],
    ['12.5', '12.5'],
    ['1.234,56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['1.234.567', '1234567'],
    ['-3,25', '-3.25'],
    ['23%', '23'],
    [' 10,00 € ', '10.00'],
    ['abc', null],
    ['1,2,3', null],
    ['1.2.3', null],
    ['', null],
    ['=1+2', null],
  ] as const)
    assert.equal(decimalText(raw), want, raw);
});

test('dates: ISO or day first, real calendar days only', () => {
  assert.equal(dateText('2026-12-07'), '2026-12-07');
  assert.equal(dateText('07/12/2026'), '2026-12-07');
  assert.equal(dateText('7-1-2026'), '2026-01-07');
  assert.equal(dateText('2026-02-30'), null);
  assert.equal(dateText('31/04/2026'), null);
  assert.equal(dateText('tomorrow'), null);
});
