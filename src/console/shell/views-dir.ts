import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distAsset } from '../../infra/db/dist-asset.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * `src/console` (from tsx) or `dist/src/console` (the build copies the views and assets next to tsc's code). Found
 * upwards from this module, as `npm start` runs it bundled into dist/src/bin/, where `..` is not the console's folder.
 */
export const CONSOLE_DIR = distAsset(here, join('src', 'console'), join(here, '..'));
export const ASSETS_DIR = join(CONSOLE_DIR, 'assets');
