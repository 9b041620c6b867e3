import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/infra/db/schema.js';
import { analyzeStale } from '../../src/infra/db/analyze.js';
import { assembleApp } from '../../src/server/create-app.js';
import { testConfigWith } from '../support/app.js';
import { freshDatabase, testDbKind, type TestDatabase } from '../support/db.js';

// Plans made on tables never analyzed guess their size; PGlite has no autovacuum to fix that as tables grow.
let t: TestDatabase;
before(async () => {
  // Migrated here, not loaded from the test template: the first test reads the statistics of the migrations' ANALYZE.
  t = await freshDatabase(testDbKind, { template: false });
});
after(async () => {
  await t?.drop();
});

/** pg_class.reltuples: -1 until the table is first analyzed (or vacuumed), then its estimated row count. */
const reltuples = async (db: Kysely<DB>, table: string) =>
  Number(
    (await sql<{ n: number }>`SELECT reltuples AS n FROM pg_class WHERE oid = to_regclass(${table})`.execute(db))
      .rows[0]!.n,
  );

/** Inserts n job rows of a kind no worker runs, and flushes this connection's table counters to the statistics. */
async function growJobs(db: Kysely<DB>, kind: string, n: number): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`INSERT INTO jobs (account_id, kind) SELECT 1, ${kind} FROM generate_series(1, ${n})`.execute(conn);
    await sql`SELECT pg_stat_force_next_flush()`.execute(conn);
    await sql`SELECT 1`.execute(conn);
  });
}

test('migrations end with ANALYZE: no table of the schema is left never analyzed', async () => {
  const never = await sql<{ relname: string }>`
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.reltuples < 0 ORDER BY c.relname`.execute(
    t.database.db,
  );
  assert.deepEqual(
    never.rows.map((r) => r.relname),
    [],
  );
  const tables = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_stat_user_tables WHERE schemaname = current_schema() AND last_analyze IS NOT NULL`.execute(
    t.database.db,
  );
  assert.ok(tables.rows[0]!.n >= 20, `analyzed tables: ${tables.rows[0]!.n}`);
});

test('analyzeStale analyzes a table whose changes passed the threshold, and nothing when none did', async () => {
  const db = t.database.db;
  await growJobs(db, 'analyze.direct', 300);
  assert.ok((await reltuples(db, 'jobs')) < 300);
  assert.ok((await analyzeStale(db, { vacuum: testDbKind === 'pglite' })).includes('jobs'));
  assert.ok((await reltuples(db, 'jobs')) >= 300, 'jobs analyzed with its new rows');
  assert.ok(!(await analyzeStale(db, { vacuum: testDbKind === 'pglite' })).includes('jobs'), 'nothing new since');
});

test("the running worker's housekeeping keeps the statistics fresh (PGlite has no autovacuum; PostgreSQL's may be off)", async () => {
  const db = t.database.db;
  const before = await reltuples(db, 'jobs');
  const { worker } = await assembleApp(testConfigWith(), t.database, { worker: { pollMs: 20, housekeepingMs: 0 } });
  await growJobs(db, 'analyze.worker', 400);
  worker.start();
  try {
    for (let i = 0; i < 400 && (await reltuples(db, 'jobs')) < before + 400; i++)
      await new Promise((r) => setTimeout(r, 25));
  } finally {
    await worker.stop();
  }
  assert.ok((await reltuples(db, 'jobs')) >= before + 400, 'the new rows are in the statistics');
});
