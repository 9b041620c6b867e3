import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Finds a file or folder the build ships in dist/ (or the sources hold): the nearest ancestor of `from` (the asking
 * module's folder) that holds `relative`, up to the package root. The same module runs from the sources (tsx), as
 * tsc's output in dist/src/…, and bundled into dist/src/bin/ (scripts/build-bundle.mjs), where its own folder is not
 * the one tsc gives it. `fallback` when there is none.
 */
export function distAsset(from: string, relative: string, fallback: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, 'package.json')) || dirname(dir) === dir) return fallback;
  }
}
