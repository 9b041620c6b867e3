import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../src/infra/db/database.js';
import { migrate } from '../../src/infra/db/migrate.js';
import { syncReferenceData } from '../../src/infra/db/sync-reference-data.js';
import { LOCK_FILE } from '../../src/infra/db/data-dir-lock.js';
import { hasDatabase, seedFromTemplate, stampTemplate } from '../../src/infra/db/data-dir-template.js';

// PGlite only, whatever FATURADOR_TEST_DB says: the template is how an empty DATA_DIR starts without initdb.
const root = mkdtempSync(join(tmpdir(), 'faturador-template-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Everything a migration defines, one line each, sorted. */
async function schemaOf(database: Database): Promise<string[]> {
  const { rows } = await sql<{ d: string }>`
    select 'col ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' '
      || coalesce(column_default, '') as d from information_schema.columns where table_schema = 'public'
    union all select 'con ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      from pg_constraint where connamespace = 'public'::regnamespace
    union all select 'idx ' || indexdef from pg_indexes where schemaname = 'public'
    union all select 'trg ' || pg_get_triggerdef(oid) from pg_trigger where not tgisinternal
    union all select 'fn ' || pg_get_functiondef(oid) from pg_proc
      where pronamespace = 'public'::regnamespace and prokind in ('f', 'p')
    union all select 'seq ' || sequence_name from information_schema.sequences where sequence_schema = 'public'
    union all select 'view ' || table_name || ' ' || view_definition from information_schema.views
      where table_schema = 'public'
    order by 1`.execute(database.db);
  return rows.map((r) => r.d);
}

/** Row counts of every table (reference data), and the applied migrations. */
async function contentOf(database: Database): Promise<{ counts: Record<string, number>; migrations: string[] }> {
  const tables = await sql<{
    t: string;
  }>`select tablename as t from pg_tables where schemaname = 'public' order by 1`.execute(database.db);
  const counts: Record<string, number> = {};
  for (const { t } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(database.db);
    counts[t] = r.rows[0].n;
  }
  const m = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(database.db);
  return { counts, migrations: m.rows.map((r) => r.name) };
}

async function buildTemplate(dir: string): Promise<void> {
  const database = await openDatabase({ dataDir: dir, template: false });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  rmSync(join(dir, LOCK_FILE), { force: true });
  stampTemplate(dir);
}

test('a DATA_DIR seeded from the template has the schema, migrations and reference data of a fresh migrate', async () => {
  const template = join(root, 'template');
  await buildTemplate(template);

  const dataDir = join(root, 'data');
  const seeded = await openDatabase({ dataDir, template });
  const fresh = await openDatabase({});
  try {
    assert.ok(hasDatabase(dataDir));
    // Seeded, not initdb'd: the migrations table is there before migrate runs, and migrate then has nothing to do.
    const before = await sql<{ n: number }>`select count(*)::int as n from schema_migrations`.execute(seeded.db);
    assert.ok(before.rows[0].n > 0);
    assert.deepEqual(await migrate(seeded), []);
    assert.ok((await migrate(fresh)).length > 0);
    await syncReferenceData(seeded);
    await syncReferenceData(fresh);
    assert.deepEqual(await schemaOf(seeded), await schemaOf(fresh));
    const [a, b] = [await contentOf(seeded), await contentOf(fresh)];
    assert.deepEqual(a, b);
    assert.ok(
      Object.values(a.counts).some((n) => n > 0),
      'reference data was synced',
    );
  } finally {
    await seeded.close();
    await fresh.close();
  }

  // Reopened: the database is resumed, never seeded over.
  assert.equal(seedFromTemplate(dataDir, template), false);
  const again = await openDatabase({ dataDir, template });
  try {
    assert.deepEqual(await migrate(again), []);
  } finally {
    await again.close();
  }

  // A template made by another PGlite version is not used (its on-disk format may differ): initdb as before.
  writeFileSync(join(template, 'faturador-template.json'), JSON.stringify({ pglite: '0.0.0' }));
  const other = join(root, 'other');
  assert.equal(seedFromTemplate(other, template), false);
  assert.equal(hasDatabase(other), false);
  // No template at all: the same.
  assert.equal(seedFromTemplate(other, join(root, 'missing')), false);
});
