import { after, before } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, testDbKind, type TestDatabase } from './db.js';
import { faturadorArgs } from './faturador-bin.js';

export interface CliEnv {
  /** The test file's temporary folder (the PGlite DATA_DIR is `data` inside it). */
  readonly dir: string;
  /** Runs `faturador …` (faturador-bin.ts: the build or the sources) on this file's database, with no server: the CLI opens the database itself. */
  cli(...args: string[]): CliResult;
  /** The same with more environment variables. */
  cliWith(extra: Record<string, string>, ...args: string[]): CliResult;
  /** What locates the database: DATA_DIR on PGlite, DATABASE_URL on PostgreSQL. */
  readonly vars: Record<string, string>;
}

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** Registers before/after hooks that give the file its own database (a PGlite folder or a PostgreSQL database). */
export function cliEnv(prefix: string): CliEnv {
  let dir = '';
  let pgDb: TestDatabase | undefined;
  let env: Record<string, string> = {};
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    if (testDbKind === 'postgres') {
      pgDb = await freshDatabase('postgres');
      await pgDb.database.close();
      env = { DATABASE_URL: pgDb.url! };
    } else {
      env = { DATA_DIR: join(dir, 'data') };
    }
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await pgDb?.drop();
  });
  const cliWith = (extra: Record<string, string>, ...args: string[]): CliResult => {
    const r = spawnSync(process.execPath, [...faturadorArgs(), ...args], {
      env: { ...process.env, ...env, ...extra },
      encoding: 'utf8',
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  return {
    get dir() {
      return dir;
    },
    get vars() {
      return env;
    },
    cli: (...args) => cliWith({}, ...args),
    cliWith,
  };
}
