import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progressLine } from './import-command.js';

test('the CLI progress line: bar, count, share, rate and time left', () => {
  assert.equal(
    progressLine({ documents: 200, issued: 48, failed: 2, rate: 25.5, etaSeconds: 6 }),
    `[${'#'.repeat(8)}${'.'.repeat(22)}] 50/200 (25 %) 25.5/s ~6s left`,
  );
  // Before the first document: no rate, no time left.
  assert.equal(
    progressLine({ documents: 10, issued: 0, failed: 0, rate: null, etaSeconds: null }),
    `[${'.'.repeat(30)}] 0/10 (0 %)`,
  );
  // An import with nothing to issue is complete.
  assert.equal(
    progressLine({ documents: 0, issued: 0, failed: 0, rate: null, etaSeconds: 0 }),
    `[${'#'.repeat(30)}] 0/0 (100 %) ~0s left`,
  );
});
