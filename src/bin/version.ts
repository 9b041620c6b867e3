import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The version in package.json, found upwards from this file (src/bin from source, dist/src/bin when built). */
export function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'faturador' && pkg.version) return pkg.version;
    } catch {
      /* not here */
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
