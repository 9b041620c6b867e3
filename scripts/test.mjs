// The test command: type check, layer rules, unit tests, then integration tests on PGlite and on PostgreSQL.
// FATURADOR_TEST_DB=pglite|postgres runs the integration suite on one database only;
// FATURADOR_TEST_SCOPE=core runs only the core API and database integration tests.
// The two databases' runs go side by side (each file gets its own database, ports are ephemeral);
// FATURADOR_TEST_SERIAL=1 runs them one after the other.
// `--unit` runs only the unit tests, `--integration` only the integration tests (npm run test:unit / test:integration).
import { spawn, spawnSync } from 'node:child_process';
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
const part = process.argv.includes('--unit') ? 'unit' : process.argv.includes('--integration') ? 'integration' : 'all';
if (part === 'all') {
  run('format (Prettier; npm run format rewrites)', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  run('type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  run('layer rules', 'npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs']);
  run('OpenAPI lint', process.execPath, ['scripts/lint-openapi.mjs']);
  run('deployment files (Dockerfile, compose.yaml)', process.execPath, ['scripts/lint-deploy.mjs']);
}
if (part !== 'integration')
  run('unit tests', process.execPath, ['--import', 'tsx', '--test', ...find('src', '.test.ts')]);
if (part === 'unit') process.exit(0);
// FATURADOR_TEST_SCOPE=core limits the integration run to the core API and database tests (CI's second Node version).
const integration =
  process.env.FATURADOR_TEST_SCOPE === 'core'
    ? [...find('test/api', '.test.ts'), ...find('test/db', '.test.ts')]
    : find('test', '.test.ts');
const dbs = ['pglite', 'postgres'].filter((db) => !only || only === db);
const args = ['--import', 'tsx', '--test', '--test-concurrency=1', ...integration];

if (process.env.FATURADOR_TEST_SERIAL === '1' || dbs.length < 2) {
  for (const db of dbs) run(`integration tests on ${db}`, process.execPath, args, { FATURADOR_TEST_DB: db });
} else {
  console.log(`\n== integration tests on ${dbs.join(' and ')}, side by side (lines prefixed by database)`);
  const results = await Promise.all(
    dbs.map(
      (db) =>
        new Promise((resolve) => {
          const child = spawn(process.execPath, args, {
            env: { ...process.env, FATURADOR_TEST_DB: db },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          for (const stream of [child.stdout, child.stderr]) {
            let rest = '';
            stream.on('data', (chunk) => {
              const lines = (rest + chunk).split('\n');
              rest = lines.pop();
              for (const line of lines) console.log(`[${db}] ${line}`);
            });
            stream.on('end', () => {
              if (rest) console.log(`[${db}] ${rest}`);
            });
          }
          child.on('close', (code, signal) => resolve({ db, code, signal }));
        }),
    ),
  );
  const failed = results.filter((r) => r.code !== 0);
  for (const r of results)
    console.log(`integration tests on ${r.db}: ${r.code === 0 ? 'passed' : `failed (exit ${r.code ?? r.signal})`}`);
  if (failed.length) process.exit(failed[0].code || 1);
}
