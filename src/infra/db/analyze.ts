import { sql, type Kysely } from 'kysely';

/** This schema's tables (not the system catalogs), as identifiers for ANALYZE and VACUUM. */
async function ownTables(db: Kysely<any>) {
  const { rows } = await sql<{ schemaname: string; relname: string }>`
    SELECT schemaname, relname FROM pg_stat_user_tables WHERE schemaname = current_schema() ORDER BY relname`.execute(
    db,
  );
  return rows;
}

/**
 * ANALYZE of every table of the schema in one statement. Run after migrations: a plan made on a table never
 * analyzed (reltuples -1) assumes ten pages of rows; once analyzed, the planner scales with the table's real size.
 */
export async function analyzeAll(db: Kysely<any>): Promise<void> {
  const tables = await ownTables(db);
  if (!tables.length) return;
  await sql`ANALYZE ${sql.join(tables.map((t) => sql.id(t.schemaname, t.relname)))}`.execute(db);
}

const HOUSEKEEPING_LOCK = 7263516;

/**
 * What autovacuum does, from the worker's housekeeping: ANALYZE the tables whose changes since their last ANALYZE
 * passed 50 + 10 % of their rows (autovacuum's default threshold). Without it, the plans of a table that grew
 * from empty (the guard triggers', the foreign-key checks') keep scanning it whole. PGlite has no autovacuum;
 * PostgreSQL's runs at most once a minute (a new installation's first minute of documents) or may be off.
 * With `vacuum` (PGlite, one process), tables whose dead rows passed 50 + 20 % also get VACUUM. On PostgreSQL
 * (vacuum left to autovacuum) one process at a time does it, in a transaction holding an advisory lock.
 * One catalog read when nothing is due. Returns the tables it worked on.
 */
export async function analyzeStale(db: Kysely<any>, opts: { vacuum: boolean }): Promise<string[]> {
  if (!opts.vacuum) {
    return db.transaction().execute(async (tx) => {
      const locked = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${HOUSEKEEPING_LOCK}) AS ok`.execute(
        tx,
      );
      return locked.rows[0]?.ok ? maintain(tx, false) : [];
    });
  }
  return maintain(db, true);
}

async function maintain(db: Kysely<any>, vacuum: boolean): Promise<string[]> {
  const { rows } = await sql<{ schemaname: string; relname: string; vacuum: boolean }>`
    SELECT s.schemaname, s.relname, ${vacuum} AND s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0) AS vacuum
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.schemaname = current_schema()
      AND (s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
        OR (${vacuum} AND s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)))
    ORDER BY s.relname`.execute(db);
  for (const t of rows) {
    const table = sql.id(t.schemaname, t.relname);
    await (t.vacuum ? sql`VACUUM (ANALYZE) ${table}` : sql`ANALYZE ${table}`).execute(db);
  }
  return rows.map((t) => t.relname);
}
