import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/infra/db/database.js';
import { migrate } from '../../src/infra/db/migrate.js';
import { syncReferenceData } from '../../src/infra/db/sync-reference-data.js';

export type TestDbKind = 'pglite' | 'postgres';

export const testDbKind: TestDbKind = process.env.FATURADOR_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** The PostgreSQL server the suite uses (database `test` holds nothing of ours: each test file gets its own database). */
export const adminUrl = process.env.FATURADOR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  database: Database;
  /** Set on PostgreSQL: the URL of this file's own database, for child processes. */
  url?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database: an in-memory PGlite, or a new database on the PostgreSQL server. */
export async function freshDatabase(kind: TestDbKind = testDbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({});
    await migrate(database);
    await syncReferenceData(database);
    return { database, drop: () => database.close() };
  }
  const name = `faturador_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 20 });
  await migrate(database);
  await syncReferenceData(database);
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
