import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type CompiledQuery } from 'kysely';
import { precompiled } from './precompiled.js';

const recorder = () => {
  const sent: CompiledQuery[] = [];
  return {
    sent,
    executeQuery: async <R>(q: CompiledQuery<R>) => (sent.push(q), { rows: [] as R[] }),
  };
};

test('a precompiled query keeps one text and takes each run’s values, constants of the builder included', async () => {
  let builds = 0;
  const byCode = precompiled((qb, accountId: number, code: string) => {
    builds++;
    return qb.selectFrom('contacts').select('id').where('account_id', '=', accountId).where('code', '=', code).limit(1);
  });
  const db = recorder();
  await byCode(db, 7, 'A');
  await byCode(db, 8, 'B');
  assert.equal(builds, 1);
  assert.equal(db.sent[0].sql, db.sent[1].sql);
  assert.deepEqual(db.sent[0].parameters, [7, 'A', 1]);
  assert.deepEqual(db.sent[1].parameters, [8, 'B', 1]);
});

test('an sql template too, with an argument used twice', async () => {
  const q = precompiled((_qb, a: number, b: string) => sql`select ${a}::int, ${b}::text, ${a}::bigint`);
  const db = recorder();
  await q(db, 1, 'x');
  await q(db, 2, 'y');
  assert.equal(db.sent[1].sql, 'select $1::int, $2::text, $3::bigint');
  assert.deepEqual(db.sent[1].parameters, [2, 'y', 2]);
});

test('an argument that is not a parameter of the query is refused (its value would be lost)', async () => {
  const q = precompiled((qb, a: number, _b: string) => qb.selectFrom('contacts').select('id').where('id', '=', a));
  await assert.rejects(async () => q(recorder(), 1, 'x'), /each argument must be a parameter/);
});
