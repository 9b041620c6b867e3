import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SERIES_CODE_MAX, isValidSeriesCode, validateSeriesCode } from './series-code.js';

const issues = (code: string) => validateSeriesCode(code).map((i) => i.issue);

test('valid series codes', () => {
  for (const ok of ['A', 'A2024', 'FA.2024', 'S_1-B', '2024', 'x'.repeat(SERIES_CODE_MAX), 'CAT', 'BAT2024']) {
    assert.deepEqual(validateSeriesCode(ok), [], ok);
    assert.ok(isValidSeriesCode(ok), ok);
  }
});

test('length: empty is required, more than 35 characters is too long', () => {
  assert.equal(SERIES_CODE_MAX, 35);
  assert.deepEqual(issues(''), ['required']);
  assert.deepEqual(validateSeriesCode('x'.repeat(36)), [
    { field: 'series', issue: 'too_long', message: 'The series code has at most 35 characters.', value: '35' },
  ]);
});

test('characters: no space, "/" or other symbols', () => {
  for (const bad of ['A 2024', 'A/2024', 'A*1', 'SÉRIE', 'A+B', 'A\t1'])
    assert.deepEqual(issues(bad), ['invalid'], bad);
});

test('separators: not at either end and not doubled', () => {
  for (const bad of ['.A', 'A-', '_A_', 'A..B', 'A-_B', 'A__B']) assert.deepEqual(issues(bad), ['invalid'], bad);
  assert.deepEqual(issues('-A..B'), ['invalid', 'invalid']);
});

test('codes starting with AT are reserved, in any case', () => {
  for (const bad of ['AT', 'AT2024', 'at1', 'At.B']) assert.deepEqual(issues(bad), ['reserved'], bad);
});

test('the field name is configurable and every problem is listed', () => {
  const found = validateSeriesCode(`AT ${'x'.repeat(40)}-`, 'series_code');
  assert.deepEqual(
    found.map((i) => [i.field, i.issue]),
    [
      ['series_code', 'too_long'],
      ['series_code', 'invalid'],
      ['series_code', 'invalid'],
      ['series_code', 'reserved'],
    ],
  );
});
