import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImportView } from '../../app/imports/get-import.js';
import { durationText, importProgress } from './import-progress.js';

const view = (v: Partial<ImportView>): ImportView => ({
  id: 1,
  status: 'issuing',
  fileName: 'f.csv',
  rows: 10,
  documents: 3,
  issued: 0,
  failed: 0,
  pending: 3,
  rate: null,
  etaSeconds: null,
  sendEmail: false,
  errors: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  ...v,
});

test('progress: handled = issued + refused; 100 % only when nothing is pending', () => {
  assert.deepEqual(
    [importProgress(view({})).percent, importProgress(view({ issued: 1, failed: 1, pending: 1 })).percent],
    [0, 66],
  );
  const most = importProgress(view({ documents: 1000, issued: 999, pending: 1 }));
  assert.equal(most.percent, 99);
  const done = importProgress(view({ status: 'done', issued: 2, failed: 1, pending: 0 }));
  assert.deepEqual([done.done, done.handled, done.percent], [true, 3, 100]);
  assert.equal(importProgress(view({ status: 'done', documents: 0, pending: 0 })).percent, 100);
});

test('durations read as hours, minutes and seconds', () => {
  assert.deepEqual(
    [durationText(null), durationText(7), durationText(185), durationText(3720)],
    ['—', '7 s', '3 min 05 s', '1 h 02 min'],
  );
});
