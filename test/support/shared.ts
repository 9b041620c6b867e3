import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The read-only `shared/` folder beside the repository (or FATURADOR_SHARED_DIR). */
export const sharedDir = process.env.FATURADOR_SHARED_DIR ?? resolve(repoRoot, '../shared');

export function sharedPath(...parts: string[]): string {
  return resolve(sharedDir, ...parts);
}

export function hasShared(...parts: string[]): boolean {
  return existsSync(sharedPath(...parts));
}

/** A `skip` option for node:test when a shared file is absent, with a clear message. */
export function skipUnlessShared(...parts: string[]): { skip: string | false } {
  return { skip: hasShared(...parts) ? false : `needs ${sharedPath(...parts)} (the shared/ folder beside the repo)` };
}

export function readShared(...parts: string[]): string {
  return readFileSync(sharedPath(...parts), 'utf8');
}

export function readSharedJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readShared(...parts)) as T;
}
