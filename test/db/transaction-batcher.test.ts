import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../../src/infra/db/schema.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { TransactionBatcher } from '../../src/infra/db/transaction-batcher.js';

let t: TestDatabase;
before(async () => {
  t = await freshDatabase();
  await sql`CREATE TABLE batch_probe (k text PRIMARY KEY, attempt integer NOT NULL)`.execute(t.database.db);
});
after(async () => {
  await t?.drop();
});

test('a batch commits its items together; failing items (JS errors and SQL errors, after writes) roll back alone', async () => {
  const { db } = t.database;
  const batcher = new TransactionBatcher(db);
  const attempts = new Map<number, number>();
  // The first item holds the queue so that the next 20 arrive together and form one batch.
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const first = batcher.run('acc', async (tx) => {
    await gate;
    await sql`INSERT INTO batch_probe VALUES ('gate', 1)`.execute(tx);
    return 'gate';
  });
  const results = Array.from({ length: 20 }, (_, i) =>
    batcher.run('acc', async (tx) => {
      const n = (attempts.get(i) ?? 0) + 1;
      attempts.set(i, n);
      await sql`INSERT INTO batch_probe VALUES (${`k${i}`}, ${n})`.execute(tx);
      if (i === 5) throw new Error('refused in code');
      if (i === 12) await sql`INSERT INTO batch_probe VALUES ('k0', 0)`.execute(tx); // duplicate key: the transaction is aborted
      return i;
    }),
  );
  const settledAll = Promise.allSettled(results);
  release();
  assert.equal(await first, 'gate');
  const settled = await settledAll;
  settled.forEach((s, i) => {
    if (i === 5 || i === 12) assert.equal(s.status, 'rejected', `item ${i}`);
    else assert.deepEqual(s, { status: 'fulfilled', value: i }, `item ${i}`);
  });
  const rows = (await db
    .selectFrom('batch_probe' as never)
    .select(['k' as never])
    .execute()) as { k: string }[];
  const keys = rows.map((r) => r.k).sort();
  const expected = [
    'gate',
    ...Array.from({ length: 20 }, (_, i) => `k${i}`).filter((k) => k !== 'k5' && k !== 'k12'),
  ].sort();
  assert.deepEqual(keys, expected, 'only the failed items are missing');
});

test('items sharing a combiner run as one call; when it fails, each runs alone and only the bad one fails', async () => {
  const { db } = t.database;
  const batcher = new TransactionBatcher(db);
  const calls: number[] = [];
  const combine = async (tx: Parameters<Parameters<TransactionBatcher['run']>[1]>[0], keys: string[]) => {
    calls.push(keys.length);
    for (const k of keys) await sql`INSERT INTO batch_probe VALUES (${k}, ${keys.length})`.execute(tx);
    if (keys.includes('c-bad')) throw new Error('refused');
    return keys.map((k) => `done ${k}`);
  };
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const first = batcher.run('acc2', async () => {
    await gate;
    return 'gate';
  });
  const good = ['c1', 'c2', 'c3'].map((k) => batcher.runCombined('acc2', combine, k));
  const plain = batcher.run('acc2', async (tx) => {
    await sql`INSERT INTO batch_probe VALUES ('p1', 1)`.execute(tx);
    return 'plain';
  });
  release();
  await first;
  assert.deepEqual(await Promise.all([...good, plain]), ['done c1', 'done c2', 'done c3', 'plain']);
  assert.deepEqual(calls, [3], 'one call for the three');

  calls.length = 0;
  let release2!: () => void;
  const gate2 = new Promise<void>((r) => {
    release2 = r;
  });
  const first2 = batcher.run('acc2', async () => {
    await gate2;
    return 'gate';
  });
  const mixed = ['c4', 'c-bad', 'c5'].map((k) => batcher.runCombined('acc2', combine, k));
  release2();
  await first2;
  const settled = await Promise.allSettled(mixed);
  assert.deepEqual(
    settled.map((s) => s.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  assert.deepEqual(calls, [3, 1, 1, 1], 'the failed call, then one call per item');
  const rows = (await db
    .selectFrom('batch_probe' as never)
    .select(['k' as never, 'attempt' as never])
    .where('k' as never, 'in', ['c4', 'c5', 'c-bad'] as never)
    .execute()) as { k: string; attempt: number }[];
  assert.deepEqual(rows.map((r) => `${r.k}:${r.attempt}`).sort(), ['c4:1', 'c5:1']);
});

test('the batch is taken when its transaction has begun: items arriving meanwhile, the first one included, share it', async () => {
  const { db } = t.database;
  const batcher = new TransactionBatcher(db);
  const txids = await Promise.all(
    Array.from({ length: 12 }, () =>
      batcher.run(
        'acc3',
        async (tx) => (await sql<{ x: string }>`SELECT txid_current()::text AS x`.execute(tx)).rows[0].x,
      ),
    ),
  );
  assert.equal(new Set(txids).size, 1, `one transaction for the twelve, got ${new Set(txids).size}`);
});

test('when no transaction can begin, the waiting items get the error and the queue empties', async () => {
  // A real pool pointed at a port nobody listens on.
  const down = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 2000 }) }),
  });
  after(() => down.destroy());
  const batcher = new TransactionBatcher(down);
  const settled = await Promise.allSettled(Array.from({ length: 3 }, () => batcher.run('acc4', async () => 'never')));
  assert.deepEqual(
    settled.map((s) => s.status),
    ['rejected', 'rejected', 'rejected'],
  );
  assert.match(String((settled[0] as PromiseRejectedResult).reason), /ECONNREFUSED/);
});
