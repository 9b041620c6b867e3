import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from '../../src/infra/db/database.js';
import { retryTransaction } from '../../src/infra/db/retry-transaction.js';
import { freshDatabase, testDbKind, type TestDatabase } from '../support/db.js';

/** The statements this connection holds prepared, read on the same connection. */
async function preparedOn(db: Kysely<any>): Promise<string[]> {
  const r = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db);
  return r.rows.map((x) => x.statement);
}

describe('prepared statements', { skip: testDbKind !== 'postgres' && 'PostgreSQL only' }, () => {
  let t: TestDatabase;
  before(async () => {
    t = await freshDatabase();
  });
  after(() => t?.drop());

  it('names a query once per connection and reuses it; lists of variable length and DDL stay unnamed', async () => {
    await t.database.db.connection().execute(async (db) => {
      const lookup = db.selectFrom('api_keys').select('id').where('key_hash', '=', 'nope');
      for (let i = 0; i < 3; i++) assert.deepEqual(await lookup.execute(), []);
      await db.selectFrom('accounts').select('id').where('id', 'in', [1, 2, 3]).execute();
      await sql`create temporary table tmp_named (a int)`.execute(db);
      await db
        .insertInto('tmp_named' as any)
        .values([{ a: 1 }, { a: 2 }])
        .execute();
      const prepared = await preparedOn(db);
      assert.equal(prepared.filter((s) => s === lookup.compile().sql).length, 1);
      assert.ok(!prepared.some((s) => /\bin \(\$1/.test(s)), 'the IN list stays unnamed');
      assert.ok(!prepared.some((s) => /create temporary|tmp_named/.test(s)), 'DDL and multi-row inserts stay unnamed');
    });
  });

  it('holds at most the cap per connection, and every query still answers past it', async () => {
    const url = t.url!;
    const capped: Database = await openDatabase({ databaseUrl: url, poolSize: 1, maxPreparedPerConnection: 3 });
    try {
      for (let i = 0; i < 8; i++) {
        const r = await sql<{ n: number }>`select ${sql.lit(i)}::int + ${i}::int as n`.execute(capped.db);
        assert.equal(r.rows[0].n, 2 * i);
      }
      assert.equal((await preparedOn(capped.db)).length, 3);
    } finally {
      await capped.close();
    }
  });

  it('a migration that changes a prepared statement’s result type does not break it (re-prepared, retried once)', async () => {
    const { db } = t.database;
    await sql`create table plan_shape (a int)`.execute(db);
    await sql`insert into plan_shape values (1)`.execute(db);
    const readAll = () =>
      db
        .selectFrom('plan_shape' as any)
        .selectAll()
        .execute();
    await db.connection().execute(async (c) => {
      const all = () =>
        c
          .selectFrom('plan_shape' as any)
          .selectAll()
          .execute();
      assert.deepEqual(await all(), [{ a: 1 }]);
      await sql`alter table plan_shape add column b int default 7`.execute(db);
      assert.deepEqual(await all(), [{ a: 1, b: 7 }], 'outside a transaction: run again at once');
      await sql`alter table plan_shape add column c int default 8`.execute(db);
      // Inside a transaction the error aborts it: the transaction is run again by retryTransaction.
      const inTx = await retryTransaction(() =>
        c.transaction().execute((tx) =>
          tx
            .selectFrom('plan_shape' as any)
            .selectAll()
            .execute(),
        ),
      );
      assert.deepEqual(inTx, [{ a: 1, b: 7, c: 8 }]);
    });
    assert.deepEqual(await readAll(), [{ a: 1, b: 7, c: 8 }]);
  });
});

describe('PGlite', { skip: testDbKind !== 'pglite' && 'PGlite only' }, () => {
  it('is not wrapped: queries, lists and scripts run as before', async () => {
    const t = await freshDatabase();
    try {
      await t.database.execScript('create table p (a int); insert into p values (1), (2);');
      const r = await t.database.db
        .selectFrom('p' as any)
        .select('a')
        .where('a', 'in', [1, 2])
        .orderBy('a')
        .execute();
      assert.deepEqual(r, [{ a: 1 }, { a: 2 }]);
    } finally {
      await t.drop();
    }
  });
});
