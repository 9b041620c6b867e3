import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.js';

const here = dirname(fileURLToPath(import.meta.url));

/** SQL migrations live as plain files beside the source; the build copies them next to the compiled code. */
export function migrationsDir(): string {
  return join(here, 'migrations');
}

function listMigrations(): { name: string; script: string }[] {
  const dir = migrationsDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, script: readFileSync(join(dir, name), 'utf8') }));
}

const MIGRATION_LOCK = 7263514;

/**
 * Applies pending migrations in order, each in its own transaction. An advisory lock keeps several
 * processes starting at once from racing.
 */
export async function migrate(database: Database): Promise<string[]> {
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
      for (const m of listMigrations()) {
        if (done.has(m.name)) continue;
        await database.execScript(
          `BEGIN;\n${m.script}\nINSERT INTO schema_migrations (name) VALUES ('${m.name}');\nCOMMIT;`,
        );
        applied.push(m.name);
      }
      return applied;
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}
