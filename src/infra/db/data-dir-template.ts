import { copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCK_FILE } from './data-dir-lock.js';
import { distAsset } from './dist-asset.js';

const here = dirname(fileURLToPath(import.meta.url));
const STAMP = 'faturador-template.json';

/**
 * Where the build puts the template: dist/data-template beside dist/src. From the sources (tsx) there is none, and
 * a first start runs PGlite's initdb as before.
 */
export function defaultTemplateDir(): string {
  return distAsset(here, 'data-template', join(here, '..', '..', '..', 'data-template'));
}

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@electric-sql/pglite');
  // The package's own package.json sits above its dist/ entry point.
  let dir = dirname(main);
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** True when dataDir already holds a PostgreSQL data directory (PGlite resumes it instead of running initdb). */
export function hasDatabase(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

/**
 * Seeds an empty DATA_DIR from the build's template: a PGlite data directory made by initdb and the migrations of
 * the build (scripts/build-data-template.mjs). initdb is most of a first start (≈ 8 s of CPU in WASM); copying
 * the files takes a fraction of a second. Migrations still run after opening, so a template older than the code
 * only leaves fewer to apply. Returns false (initdb as before) when there is no template or it was made by another
 * PGlite version, whose on-disk format may differ.
 *
 * NOTE: PG_VERSION is copied last: PGlite takes a directory with PG_VERSION for a database. A copy cut short leaves
 * none, so the next start copies again over the partial files instead of opening them.
 */
export function seedFromTemplate(dataDir: string, templateDir = defaultTemplateDir()): boolean {
  if (hasDatabase(dataDir) || !existsSync(join(templateDir, 'PG_VERSION'))) return false;
  try {
    const stamp = JSON.parse(readFileSync(join(templateDir, STAMP), 'utf8')) as { pglite?: string };
    if (stamp.pglite !== pgliteVersion()) return false;
  } catch {
    return false;
  }
  // Only PostgreSQL's files: not the stamp, nor a lock file or socket (DATA_DIR's own lock is held right now).
  const skip = new Set(['PG_VERSION', STAMP, LOCK_FILE, 'faturador.sock'].map((name) => join(templateDir, name)));
  cpSync(templateDir, dataDir, { recursive: true, filter: (src) => !skip.has(src) });
  copyFileSync(join(templateDir, 'PG_VERSION'), join(dataDir, 'PG_VERSION'));
  return true;
}

/** Marks a freshly built template (closed PGlite data directory) with the PGlite version that made it. */
export function stampTemplate(templateDir: string): void {
  writeFileSync(join(templateDir, STAMP), JSON.stringify({ pglite: pgliteVersion() }));
}

/** Removes a template directory (before a rebuild). */
export function removeTemplate(templateDir: string): void {
  rmSync(templateDir, { recursive: true, force: true });
}
