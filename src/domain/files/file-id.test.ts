import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentIdOfPdfFileId, documentPdfFileId, isFileId } from './file-id.js';

test('a document PDF FileID is a GUID that leads back to its document', () => {
  for (const id of [1, 255, 1194146, 2 ** 40]) {
    const fileId = documentPdfFileId(id);
    assert.ok(isFileId(fileId), fileId);
    assert.equal(documentIdOfPdfFileId(fileId), id);
    assert.equal(documentIdOfPdfFileId(fileId.toUpperCase()), id);
  }
  assert.notEqual(documentPdfFileId(1), documentPdfFileId(2));
});

test('other GUIDs and non-GUIDs name no document', () => {
  assert.equal(documentIdOfPdfFileId('3f2504e0-4f89-41d3-9a0c-0305e82c3301'), null);
  assert.equal(documentIdOfPdfFileId('d0c0f11e-0000-4000-8000-000000000000'), null);
  assert.equal(documentIdOfPdfFileId('d0c0f11e-0000-4000-8000-zz'), null);
  assert.equal(isFileId('not-a-guid'), false);
});
