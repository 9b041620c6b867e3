import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the shipped rules and schemas: the nearest assets/einvoice above this module. From the sources that
 * is the repository's; from tsc's dist/ and from the bundle (dist/src/bin, its chunks) dist/assets/einvoice, where
 * scripts/copy-assets.mjs puts it.
 */
export function einvoiceAssetsDir(from = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, 'assets', 'einvoice');
    if (existsSync(join(candidate, 'sef'))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`assets/einvoice was not found above ${fileURLToPath(from)}`);
    dir = up;
  }
}
