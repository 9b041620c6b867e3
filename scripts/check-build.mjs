// `npm start` runs what `npm run build` (run by `npm ci` through `prepare`) compiled into dist/, without rebuilding:
// this only says, in one line, when a file under src/ is newer than that build.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const built = 'dist/src/bin/faturador.js';
let builtAt;
try {
  builtAt = statSync(built).mtimeMs;
} catch {
  console.error(
    `${built} is missing: run \`npm run build\` first (npm ci does it), ` + 'or `npm run dev` to run from source.',
  );
  process.exit(1);
}

function newest(dir) {
  let found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    const test = entry.name.endsWith('.test.ts');
    const hit = entry.isDirectory() ? newest(p) : test ? undefined : { p, t: statSync(p).mtimeMs };
    if (hit && (!found || hit.t > found.t)) found = hit;
  }
  return found;
}

const src = newest('src');
if (src && src.t > builtAt) {
  const when = new Date(builtAt).toISOString();
  console.error(
    `Note: ${src.p} is newer than dist/ (built ${when}); this runs the old build. ` +
      'Run `npm run build` to update it, or `npm run dev` to run from source.',
  );
}
