import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { DB } from './schema.js';
import { postgresOwnerLiveness, registerOwnerLiveness } from './owner-liveness.js';
import { lockDataDir } from './data-dir-lock.js';
import { seedFromTemplate } from './data-dir-template.js';
import { openPgliteClient, type PgliteClient } from './pglite-thread.js';
import { DEFAULT_MAX_NAMED_PER_CONNECTION, nameStatements } from './statement-names.js';
import { TYPE_PARSERS } from './type-parsers.js';

export type Tx = Kysely<DB>;

/** The storage handle: one Kysely instance over either embedded PGlite or a PostgreSQL pool. */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Kysely<DB>;
  /** Runs a multi-statement SQL script (migrations). */
  execScript(script: string): Promise<void>;
  /** Connections of this process: PostgreSQL's pool, or PGlite's single one (for metrics). */
  poolStats(): { total: number; idle: number; waiting: number; max: number };
  close(): Promise<void>;
}

export interface DatabaseConfig {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  /** PGlite: the template an empty DATA_DIR starts from (default: the build's, data-dir-template.ts); false: initdb. */
  template?: string | false;
  /** PGlite in memory: start from a dump (PGlite's dumpDataDir) instead of initdb (the tests' migrated template). */
  loadDataDir?: Blob;
  /** PostgreSQL: distinct statements each connection prepares (statement-names.ts); 0 runs every one unnamed. */
  maxPreparedPerConnection?: number;
  /** PGlite: on a worker thread of its own (PGLITE_THREAD=1; pglite-thread.ts), or on this thread (default). */
  pgliteThread?: boolean;
}

export async function openDatabase(cfg: DatabaseConfig): Promise<Database> {
  if (cfg.databaseUrl)
    return openPostgres(
      cfg.databaseUrl,
      cfg.poolSize ?? 10,
      cfg.maxPreparedPerConnection ?? DEFAULT_MAX_NAMED_PER_CONNECTION,
    );
  return openPglite(cfg.dataDir, cfg.template, cfg.loadDataDir, cfg.pgliteThread ?? false);
}

async function openPostgres(url: string, poolSize: number, maxPrepared: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', () => {
    /* idle client errors surface on the next query */
  });
  if (maxPrepared > 0) pool.on('connect', (client) => nameStatements(client, maxPrepared));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  // In-flight idempotency keys claimed through this handle belong to it while it lives (see owner-liveness.ts).
  const liveness = registerOwnerLiveness(db, postgresOwnerLiveness(url));
  await sql`select 1`.execute(db);
  return {
    kind: 'postgres',
    db,
    async execScript(script) {
      const client = await pool.connect();
      try {
        await client.query(script);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: poolSize }),
    async close() {
      await liveness.close();
      await db.destroy();
    },
  };
}

/** On disk, PGlite is one process's database: the DATA_DIR lock is held from before it opens until it is closed. */
async function openPglite(
  dataDir: string | undefined,
  template: string | false | undefined,
  loadDataDir: Blob | undefined,
  thread: boolean,
): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = dataDir ? lockDataDir(dataDir) : undefined;
  let client: PgliteClient;
  try {
    if (dataDir && template !== false) seedFromTemplate(dataDir, template);
    client = await openPgliteClient({ dataDir, loadDataDir }, thread);
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client as unknown as PGlite) });
  return {
    kind: 'pglite',
    db,
    async execScript(script) {
      try {
        await client.exec(script);
      } catch (err) {
        await client.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    poolStats: () => ({ total: 1, idle: 1, waiting: 0, max: 1 }),
    async close() {
      try {
        await db.destroy();
        // Kysely closes its driver's client only when a query ran; PGlite (and its thread) is closed before the
        // DATA_DIR lock is released either way.
        if (!(client as { closed?: boolean }).closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
