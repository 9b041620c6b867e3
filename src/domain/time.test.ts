import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lisbonDate, lisbonDateTime } from './time.js';

test('Lisbon wall-clock time: WET in winter, WEST in summer, across the day line', () => {
  assert.equal(lisbonDateTime(new Date('2026-01-15T23:30:05Z')), '2026-01-15T23:30:05');
  assert.equal(lisbonDateTime(new Date('2026-07-15T23:30:05Z')), '2026-07-16T00:30:05');
  assert.equal(lisbonDate(new Date('2026-07-15T23:30:05Z')), '2026-07-16');
});

test('instants of the same second give the same text, the next second a new one', () => {
  const a = new Date('2026-03-29T00:59:59.100Z'); // the second before summer time starts
  assert.equal(lisbonDateTime(a), '2026-03-29T00:59:59');
  assert.equal(lisbonDateTime(new Date(a.getTime() + 800)), '2026-03-29T00:59:59');
  assert.equal(lisbonDateTime(new Date(a.getTime() + 900)), '2026-03-29T02:00:00');
  assert.equal(lisbonDateTime(new Date('2026-01-15T23:30:05.999Z')), '2026-01-15T23:30:05');
});
