import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { LOCK_FILE } from '../../src/infra/db/data-dir-lock.js';
import { openDatabase, type Database } from '../../src/infra/db/database.js';
import { migrate, migrationsDir } from '../../src/infra/db/migrate.js';
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

const TEMPLATE_PREFIX = 'faturador-test-pglite-';

/** The PGlite version and every migration's name and text: what the template's files depend on. */
function templateKey(): string {
  const hash = createHash('sha256');
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  hash.update(readFileSync(join(dir, 'package.json')));
  const migrations = migrationsDir();
  for (const name of readdirSync(migrations).sort())
    hash.update(`\0${name}\0`).update(readFileSync(join(migrations, name)));
  return hash.digest('hex').slice(0, 16);
}

/** initdb, every migration and the reference data on disk, then dumped: what each fresh PGlite starts from. */
async function buildTemplate(file: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), TEMPLATE_PREFIX));
  try {
    const database = await openDatabase({ dataDir: dir, template: false });
    try {
      await migrate(database);
      await syncReferenceData(database);
    } finally {
      await database.close();
    }
    rmSync(join(dir, LOCK_FILE), { force: true });
    const client = await PGlite.create({ dataDir: dir });
    try {
      const dump = await client.dumpDataDir('none');
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
    } finally {
      await client.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Templates of other migration sets, left by earlier edits, once nobody has used them for a day.
  for (const name of readdirSync(tmpdir())) {
    const other = join(tmpdir(), name);
    if (name.startsWith(TEMPLATE_PREFIX) && name.endsWith('.tar') && other !== file) {
      if (Date.now() - statSync(other).mtimeMs > 86_400_000) rmSync(other, { force: true });
    }
  }
}

let template: Promise<Blob> | undefined;

/**
 * A migrated PGlite data directory as a tarball, shared by this machine's test processes (in the temporary folder,
 * keyed by the PGlite version and the migrations): a fresh database loads it in about a second instead of running
 * initdb (several seconds of WebAssembly) and every migration.
 */
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = join(tmpdir(), `${TEMPLATE_PREFIX}${templateKey()}.tar`);
    if (!existsSync(file)) await buildTemplate(file);
    return new Blob([readFileSync(file)]);
  })();
  return template;
}

/**
 * A fresh, migrated database: an in-memory PGlite, or a new database on the PostgreSQL server. `template: false`
 * migrates a PGlite from initdb instead of loading the template: a dumped data directory keeps the catalog
 * (reltuples) but not the statistics collector's counters (last_analyze), which a test of them needs.
 */
export async function freshDatabase(
  kind: TestDbKind = testDbKind,
  opts: { template?: boolean } = {},
): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database =
      opts.template === false
        ? await openDatabase({ template: false })
        : await openDatabase({ loadDataDir: await pgliteTemplate() });
    // Cheap when the template is current (a read each); they still run, so the result is what a real start makes.
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
