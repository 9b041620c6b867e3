import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryTimeInversions } from './entry-order.js';

test('an entry time earlier than the previous number of its series is reported, once per inversion', () => {
  const docs = [
    { docId: 'FT A/3', systemEntryDate: '2026-05-01T10:00:05' },
    { docId: 'FT A/1', systemEntryDate: '2026-05-01T10:00:00' },
    { docId: 'FT A/2', systemEntryDate: '2026-05-01T10:00:09' },
    { docId: 'FT A/4', systemEntryDate: '2026-05-01T10:00:05' },
    // Another series or type is its own sequence.
    { docId: 'FT B/1', systemEntryDate: '2026-05-01T09:00:00' },
    { docId: 'NC A/1', systemEntryDate: '2026-05-01T08:00:00' },
    { docId: 'bad', systemEntryDate: '2020-01-01T00:00:00' },
  ];
  assert.deepEqual(entryTimeInversions(docs), [{ docId: 'FT A/3', reason: 'entry_time_inversion' }]);
});

test('equal entry times are in order', () => {
  const docs = [1, 2, 3].map((n) => ({ docId: `FR X/${n}`, systemEntryDate: '2026-05-01T10:00:00' }));
  assert.deepEqual(entryTimeInversions(docs), []);
});
