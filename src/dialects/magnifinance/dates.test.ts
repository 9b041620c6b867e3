import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mfDate } from './dates.js';

test('ISO dates and date-times, and the proxy short dates in Portuguese order', () => {
  assert.equal(mfDate('2026-12-07'), '2026-12-07');
  assert.equal(mfDate('2026-12-07T10:20:30'), '2026-12-07');
  assert.equal(mfDate('2026-12-07T10:20:30.123Z'), '2026-12-07');
  assert.equal(mfDate('07/12/2026'), '2026-12-07');
  assert.equal(mfDate('7-1-2026'), '2026-01-07');
  assert.equal(mfDate('31/02/2026'), undefined);
  assert.equal(mfDate('????'), undefined);
  assert.equal(mfDate(undefined), undefined);
});
