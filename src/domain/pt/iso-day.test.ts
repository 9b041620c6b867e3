import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../errors.js';
import { isoDay } from './iso-day.js';

test('isoDay keeps the date of an ISO date or date-time', () => {
  assert.equal(isoDay('2024-10-01'), '2024-10-01');
  assert.equal(isoDay('2024-10-01T23:59:59'), '2024-10-01');
});

test('isoDay rejects other shapes', () => {
  for (const bad of ['', '2024-1-01', '01-10-2024', '2024/10/01', '2024-10-01 10:00', '2024-10-01x']) {
    assert.throws(
      () => isoDay(bad),
      (e: unknown) => e instanceof DomainError && e.code === 'validation',
      bad,
    );
  }
});
