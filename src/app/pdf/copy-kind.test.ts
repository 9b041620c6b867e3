import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseCopyKind } from './copy-kind.js';

test('only the first print can be the original', () => {
  assert.equal(chooseCopyKind('auto', 0), 'original');
  assert.equal(chooseCopyKind('auto', 1), 'duplicate');
  assert.equal(chooseCopyKind('auto', 7), 'duplicate');
  assert.equal(chooseCopyKind('original', 0), 'original');
  assert.equal(
    chooseCopyKind('original', 1),
    'reprint',
    'an original asked again is a 2.ª via, marked as not the original',
  );
  assert.equal(chooseCopyKind('duplicate', 0), 'duplicate');
  assert.equal(chooseCopyKind('reprint', 0), 'reprint');
  assert.equal(chooseCopyKind('reprint', 3), 'reprint');
});
