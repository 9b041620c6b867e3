import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `src/console` (from tsx) or `dist/src/console` (the build copies the views and assets next to the code). */
export const CONSOLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ASSETS_DIR = join(CONSOLE_DIR, 'assets');
