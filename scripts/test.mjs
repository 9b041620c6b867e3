// The test command: type check, layer rules, unit tests, then integration tests on PGlite and on PostgreSQL.
// FATURADOR_TEST_DB=pglite|postgres runs the integration suite on one database only;
// FATURADOR_TEST_SCOPE=core runs only the core API and database integration tests.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, suffix) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p, suffix));
    else if (p.endsWith(suffix)) out.push(p);
  }
  return out.sort();
}

function run(label, cmd, args, env = {}) {
  console.log(`\n== ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n${label} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

const only = process.env.FATURADOR_TEST_DB;
run('type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
run('layer rules', 'npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs']);
run('unit tests', process.execPath, ['--import', 'tsx', '--test', ...find('src', '.test.ts')]);
// FATURADOR_TEST_SCOPE=core limits the integration run to the core API and database tests (CI's second Node version).
const integration = process.env.FATURADOR_TEST_SCOPE === 'core' ? [...find('test/api', '.test.ts'), ...find('test/db', '.test.ts')] : find('test', '.test.ts');
for (const db of ['pglite', 'postgres']) {
  if (only && only !== db) continue;
  run(`integration tests on ${db}`, process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...integration], { FATURADOR_TEST_DB: db });
}
