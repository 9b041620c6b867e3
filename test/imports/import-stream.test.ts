import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { signInInject } from '../console/support.js';
import { EN_HEADER, invoiceCsv, multipartBody, upload } from './support.js';

// The file is read as a stream, in passes: these are what could differ from reading it whole.
let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

test('interleaved documents are grouped whole, listed and recorded in the order of their first row', async () => {
  const csv =
    `${EN_HEADER}\n` +
    'B,FT,123456789,Cliente B,,Uno,1,10,,23\n' +
    'A,FT,123456789,Cliente A,,Uno,1,20,,23\n' +
    ',,,,,Sem chave,1,1,,23\n' +
    'B,,,,,Dos,2,10,,23\n' +
    'C,FT,123456789,Cliente C,,Uno,1,5,,23\n' +
    'A,,,,,Dos,1,x,,23\n' +
    'B,,,,,Tres,1,10,,23\n';
  const dry = await upload(t, { name: 'interleaved.csv', bytes: csv }, { dryRun: 'true' });
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.deepEqual(
    dry.body.documents.map((d: { key: string; firstRow: number; lines: number }) => [d.key, d.firstRow, d.lines]),
    [
      ['B', 2, 3],
      ['C', 6, 1],
    ],
  );
  assert.equal(dry.body.documentCount, 3);
  assert.deepEqual(
    dry.body.errors.map((e: { row: number; column: string }) => [e.row, e.column]),
    [
      [4, 'document'],
      [7, 'unitPrice'],
    ],
  );

  const made = await upload(t, { name: 'interleaved.csv', bytes: csv }, { issueValid: 'true' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const groups = await t.db.database.db
    .selectFrom('import_groups')
    .select(['group_key', 'first_row', 'position', 'input'])
    .where('import_id', '=', made.body.id)
    .orderBy('position')
    .execute();
  assert.deepEqual(
    groups.map((g) => [g.group_key, g.first_row, g.position]),
    [
      ['B', 2, 0],
      ['C', 6, 1],
    ],
  );
  const input = (typeof groups[0].input === 'string' ? JSON.parse(groups[0].input) : groups[0].input) as {
    lines: { description: string }[];
  };
  assert.deepEqual(
    input.lines.map((l) => l.description),
    ['Uno', 'Dos', 'Tres'],
  );
});

test("the console keeps the check's summaries, not the documents' inputs, and issues from the file", async () => {
  const session = await signInInject(t);
  const { payload, contentType } = multipartBody({ name: 'staged.csv', bytes: invoiceCsv(4) });
  const res = await t.app.inject({
    method: 'POST',
    url: `/console/imports?_csrf=${encodeURIComponent(session.csrf)}`,
    payload,
    headers: { cookie: session.cookie, 'content-type': contentType },
  });
  assert.equal(res.statusCode, 303, res.body);
  const staged = await t.db.database.db
    .selectFrom('import_uploads')
    .select(['preview', 'bytes'])
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const preview = (typeof staged.preview === 'string' ? JSON.parse(staged.preview) : staged.preview) as {
    documents: Record<string, unknown>[];
  };
  assert.equal(preview.documents.length, 4);
  assert.ok(
    preview.documents.every((d) => !('input' in d)),
    'no inputs kept',
  );
  assert.equal(Buffer.from(staged.bytes).toString('utf8'), invoiceCsv(4));
  const issued = await t.app.inject({
    method: 'POST',
    url: `${res.headers.location}/issue`,
    payload: new URLSearchParams({ _csrf: session.csrf }).toString(),
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(issued.statusCode, 303, issued.body);
  const id = Number(/\/console\/imports\/(\d+)/.exec(issued.headers.location!)![1]);
  const groups = await t.db.database.db
    .selectFrom('import_groups')
    .select(['group_key', 'total'])
    .where('import_id', '=', id)
    .orderBy('position')
    .execute();
  assert.deepEqual(
    groups.map((g) => g.group_key),
    ['D1', 'D2', 'D3', 'D4'],
  );
});
