import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BUILT = join(root, 'dist', 'src', 'bin', 'faturador.js');

function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestUnder(p));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

let args: string[] | undefined;

/**
 * The node arguments that run `faturador` in a child process: the build (dist/, what users run) when it is newer
 * than every file under src/ (unit tests aside, as scripts/check-build.mjs) and assets/, else the sources through
 * tsx. Each tsx process loads its ≈ 1,100 modules through tsx's loader thread, about 2 s of CPU more than the build
 * per process; CI builds at `npm ci` (prepare). FATURADOR_TEST_BIN=source|dist forces one.
 */
export function faturadorArgs(): string[] {
  args ??= (() => {
    const wanted = process.env.FATURADOR_TEST_BIN;
    let built = wanted !== 'source';
    if (built && wanted !== 'dist') {
      try {
        const at = statSync(BUILT).mtimeMs;
        built = newestUnder(join(root, 'src')) < at && newestUnder(join(root, 'assets')) < at;
      } catch {
        built = false;
      }
    }
    return built ? [BUILT] : ['--import', 'tsx', join(root, 'src', 'bin', 'faturador.ts')];
  })();
  return args;
}
