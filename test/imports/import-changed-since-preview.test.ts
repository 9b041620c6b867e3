import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createImport } from '../../src/app/imports/create-import.js';
import { fileSource } from '../../src/app/imports/import-source.js';
import { previewImport } from '../../src/app/imports/preview-import.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { EN_HEADER } from './support.js';

// The console checks a file, then records it at the Issue click, reading the file again: what the account changed
// in between must not make a checked document vanish from the import.
let t: TestApp;
let dir: string;
before(async () => {
  t = await startTestApp();
  dir = await mkdtemp(join(tmpdir(), 'faturador-changed-'));
});
after(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

test('a document valid at the preview whose item was deleted before the import is recorded as failed, with why', async () => {
  const item = await t.call('POST', '/v1/items', {
    code: 'APAGAR-1',
    description: 'Serviço a apagar',
    price: '10',
  });
  assert.equal(item.status, 201, JSON.stringify(item.body));
  const path = join(dir, 'changed.csv');
  await writeFile(
    path,
    `${EN_HEADER}\n` +
      'D1,FT,123456789,Cliente A,APAGAR-1,Serviço,1,10,,23\n' +
      'D2,FT,123456789,Cliente A,,Outro,1,20,,23\n',
  );
  const source = await fileSource(path);
  const ctx = { accountId: t.account.accountId, userId: null, now: new Date() };
  const { db } = t.db.database;
  const preview = await previewImport(db, ctx, source, {});
  assert.deepEqual(preview.errors, []);
  assert.deepEqual(
    preview.documents.map((d) => d.key),
    ['D1', 'D2'],
  );

  assert.equal((await t.call('DELETE', `/v1/items/${item.body.id}`)).status, 204);
  const made = await db
    .transaction()
    .execute((tx) => createImport(tx, ctx.accountId, source, preview, { fileName: 'changed.csv', sendEmail: false }));
  assert.equal(made.created, true);

  const groups = await db
    .selectFrom('import_groups')
    .select(['group_key', 'first_row', 'error'])
    .where('import_id', '=', made.id)
    .orderBy('position')
    .execute();
  assert.equal(groups.length, 2, 'both checked documents are in the import');
  assert.equal(groups[0].group_key, 'D1');
  assert.match(groups[0].error ?? '', /row 2, itemCode: No item with code 'APAGAR-1'/);
  assert.equal(groups[1].group_key, 'D2');
  assert.equal(groups[1].error, null);

  // The native API's view: D1 failed with its reason, D2 issued by the import's job (or still pending).
  const got = await t.call('GET', `/v1/imports/${made.id}`);
  assert.equal(got.status, 200);
  assert.equal(got.body.documents, 2);
  assert.equal(got.body.failed, 1);
});
