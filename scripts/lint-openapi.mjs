// Lints the OpenAPI documents the server answers (native, bill.pt, InvoiceXpress, Billit) with Redocly's recommended rules
// (redocly.yaml): built in-process on an in-memory PGlite, written to a temporary folder, then `redocly lint`.
// Any error or warning fails. `node scripts/lint-openapi.mjs` (npm test runs it after the layer rules).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openapiDocuments } from './openapi-build.mjs';

const dir = mkdtempSync(join(tmpdir(), 'faturador-openapi-'));
try {
  const files = [];
  for (const [name, doc] of Object.entries(await openapiDocuments())) {
    const file = join(dir, `${name}.openapi.json`);
    writeFileSync(file, JSON.stringify(doc, null, 2));
    files.push(file);
  }
  const r = spawnSync('npx', ['redocly', 'lint', '--config', 'redocly.yaml', '--max-problems', '50', ...files], {
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  const out = `${r.stdout}${r.stderr}`
    .split('\n')
    .filter((l) => !/[║╔╚]/.test(l))
    .join('\n')
    .trim();
  const clean = r.status === 0 && !/\d+ warnings?\b/.test(out.replace(/You have 0 warnings/, ''));
  console.log(out);
  if (!clean) {
    console.error(`OpenAPI lint: ${files.length} documents, problems found (0 errors and 0 warnings required).`);
    process.exit(1);
  }
  console.log(`OpenAPI lint: ${files.length} documents, 0 errors, 0 warnings.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
