import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIsoInstant } from './instant.js';

test('isIsoInstant accepts dates and instants of the calendar, and nothing else', () => {
  for (const ok of [
    '2026-01-31',
    '2024-02-29',
    '2026-12-31T23:59',
    '2026-12-31T23:59:59.123Z',
    '2026-06-01T10:00:00+01:00',
  ])
    assert.ok(isIsoInstant(ok), ok);
  for (const bad of [
    '2026-13-45',
    '2025-02-29',
    '2026-00-10',
    '2026-01-01T24:00',
    '2026-01-01T10:60',
    '2026-01-01T10:00:00+25:00',
    '2026-1-1',
    '',
    20260101,
    undefined,
  ]) {
    assert.ok(!isIsoInstant(bad), String(bad));
  }
});
