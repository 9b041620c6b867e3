import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { analyzeAll } from './analyze.js';
import type { Database } from './database.js';
import { distAsset } from './dist-asset.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * SQL migrations live as plain files beside the source; the build copies them next to the compiled code
 * (dist/src/infra/db/migrations), which the bundle of the CLI finds from its own place.
 */
export function migrationsDir(): string {
  return distAsset(here, join('src', 'infra', 'db', 'migrations'), join(here, 'migrations'));
}

function migrationNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

const MIGRATION_LOCK = 7263514;

/** The names already applied, or undefined before the first migration (no schema_migrations yet). */
async function appliedNames(database: Database): Promise<Set<string> | undefined> {
  const found = await sql<{ name: string }>`select to_regclass('schema_migrations') is not null as name`.execute(
    database.db,
  );
  if (!found.rows[0]?.name) return undefined;
  return new Set(
    (await sql<{ name: string }>`select name from schema_migrations`.execute(database.db)).rows.map((r) => r.name),
  );
}

/**
 * Applies pending migrations in order, each in its own transaction. An advisory lock keeps several
 * processes starting at once from racing. A start with nothing to apply (every restart) costs two reads and no lock:
 * an applied migration is never un-applied, so "all applied" needs no lock to stay true. After applying, ANALYZE:
 * a new database's first plans are then made on statistics (empty tables, not "never analyzed" guesses).
 */
export async function migrate(database: Database): Promise<string[]> {
  const dir = migrationsDir();
  const names = migrationNames(dir);
  const before = await appliedNames(database);
  if (before && names.every((n) => before.has(n))) return [];
  const { db } = database;
  await database.execScript(
    `CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      const done = new Set(
        (await sql<{ name: string }>`select name from schema_migrations`.execute(conn)).rows.map((r) => r.name),
      );
      const applied: string[] = [];
      for (const name of names) {
        if (done.has(name)) continue;
        const script = readFileSync(join(dir, name), 'utf8');
        await database.execScript(
          `BEGIN;\n${script}\nINSERT INTO schema_migrations (name) VALUES ('${name}');\nCOMMIT;`,
        );
        applied.push(name);
      }
      if (applied.length) await analyzeAll(conn);
      return applied;
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}
