import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { finalizeDocument } from '../../src/app/documents/finalize-document.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const doc = (finalize: boolean) => ({
  type: 'FT',
  finalize,
  lines: [{ description: 'A', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
});

// NOTE: D8632 §1.6, §3.2.1 — the database refuses a finalized document whose system entry time is earlier than the
// one numbered before it (migration 0013), whatever wrote it.
test('a document finalized with an entry time before the previous number of its series is refused at commit', async () => {
  const first = await t.call('POST', '/v1/documents', doc(true));
  const draft = await t.call('POST', '/v1/documents', doc(false));
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const db = t.db.database.db;
  // Move the previous document's entry time into the future behind every guard (as a restore or a bug might),
  // leaving the counter as it was: the next number is then given the current time, earlier than it.
  await db.transaction().execute(async (tx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(tx);
    await sql`UPDATE documents SET system_entry_date = '2099-01-01 00:00:00' WHERE id = ${first.body.id}`.execute(tx);
  });
  const ctx = { accountId: t.account.accountId, userId: null, now: new Date() };
  await assert.rejects(
    db.transaction().execute((tx) => finalizeDocument(tx, ctx, draft.body.id)),
    (err: { code?: string; message?: string }) => {
      assert.equal(err.code, 'FA013', err.message);
      return true;
    },
  );
  const after = await db
    .selectFrom('documents')
    .select(['status', 'number'])
    .where('id', '=', draft.body.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(after, { status: 'draft', number: null }, 'nothing of the refused finalize stays');
  // In order again, the same draft is finalized with an entry time not before its predecessor's.
  await db.transaction().execute(async (tx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(tx);
    await sql`UPDATE documents SET system_entry_date = '2000-01-01 00:00:00' WHERE id = ${first.body.id}`.execute(tx);
  });
  await db.transaction().execute((tx) => finalizeDocument(tx, ctx, draft.body.id));
  const rows = await db
    .selectFrom('documents')
    .select(['number', 'system_entry_date'])
    .where('id', 'in', [first.body.id, draft.body.id])
    .orderBy('number')
    .execute();
  assert.equal(rows[1].number, 2);
  assert.ok(rows[1].system_entry_date! >= rows[0].system_entry_date!);
});
