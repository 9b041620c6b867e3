// The test command: format, type check, layer rules, lints, unit tests, then integration tests on PGlite and PostgreSQL.
// FATURADOR_TEST_DB=pglite|postgres runs the integration suite on one database only;
// FATURADOR_TEST_SCOPE=core runs only the core API and database integration tests.
// The integration suite runs as (file, database) pairs over a pool of runners, longest first, so every core stays busy
// to the end (each file gets its own database, ports are ephemeral: pairs of either database can run at once).
// Each pair is `node --import tsx --test --test-concurrency=1 <file>` with FATURADOR_TEST_DB=<db>; its output is
// buffered and printed whole, each line prefixed `[db file]`, when it ends; a summary follows (failures re-printed).
// FATURADOR_TEST_JOBS=n sets the pool size (default: the available parallelism, at least 2);
// FATURADOR_TEST_PG_JOBS=n caps the PostgreSQL pairs at once (default 4: each file's pool takes up to 20 connections);
// FATURADOR_TEST_RECORD=1 rewrites scripts/test-durations.json (seconds per pair; the order of the next runs) from
// this run; FATURADOR_TEST_SERIAL=1 runs the suite on one database after the other, one `node --test` each.
// `--unit` runs only the unit tests, `--integration` only the integration tests (npm run test:unit / test:integration);
// paths after them (files or folders) limit the tests of that stage to those.
// Each unit test file runs as `node --import tsx <file>` in its own process group, as many at once as `node --test`
// would (the available parallelism less one); its output is printed whole when it ends, each line prefixed `[unit
// file]`. A file still running after FATURADOR_TEST_UNIT_TIMEOUT seconds (default 300) is killed with its group and
// fails, named, as timed out: a hang costs minutes, not CI's hard limit.
// The integration files run compiled: scripts/build-tests.mjs turns src/ and test/ into JavaScript in
// .test-build/run-<pid>/ once (esbuild, a few seconds; removed when the run ends), then each pair is
// `node --test <that folder>/<file>.js`: no tsx loading (about 1.2 s of CPU) per pair. A file that does not compile
// stops the run. FATURADOR_TEST_FROM_SOURCE=1 runs them from the sources through tsx.
// Each pair leads its own process group (scripts/process-groups.mjs): what a test file spawns (`faturador serve`)
// is killed when the file ends, on SIGINT/SIGTERM (the signal, SIGKILL after 5 s; exit 130/143) and on exit.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { buildTests } from './build-tests.mjs';
import { killGroup, killGroupsOnExit, spawnInGroup, stopRequested } from './process-groups.mjs';

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
// Paths after the switches (`npm test -- --integration test/db test/api/openapi.test.ts`) limit that stage's files.
const paths = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const running = new Set();

/**
 * Runs one test file in its own process group (what it spawns ends with it); its output is buffered and printed
 * whole, each line prefixed `label`, when it ends. After `timeoutMs` (0: never) its group gets SIGTERM, then SIGKILL
 * 5 s later, and the file fails as timed out.
 */
function runFile(label, args, { env = {}, timeoutMs = 0 } = {}) {
  const t0 = Date.now();
  const child = spawnInGroup(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry = { label, child, t0 };
  running.add(entry);
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  let timedOut = false;
  let kill;
  const timer =
    timeoutMs > 0 &&
    setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, 'SIGTERM');
      kill = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5_000);
    }, timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(kill);
      running.delete(entry);
      const seconds = (Date.now() - t0) / 1000;
      const ok = code === 0 && !timedOut;
      const counts = {};
      for (const m of out.matchAll(/^(?:#|ℹ) (pass|fail|skipped|todo|cancelled) (\d+)$/gm)) counts[m[1]] = Number(m[2]);
      if (timedOut) out += `${out && !out.endsWith('\n') ? '\n' : ''}timed out after ${timeoutMs / 1000} s: killed\n`;
      const text = out.replace(/\n$/, '').replace(/^/gm, `${label} `);
      const exit = timedOut ? 'timeout' : (code ?? signal);
      console.log(
        `${text}\n${label} ${ok ? 'passed' : `FAILED (${timedOut ? 'timed out' : `exit ${exit}`})`} in ${seconds.toFixed(1)} s`,
      );
      resolve({ ok, seconds, counts, text, exit, timedOut });
    });
  });
}

/** Starts `start(item)` for the queue's items, `jobs` at once, each free runner taking the first item `allowed`. */
function drain(queue, jobs, start, allowed = () => true) {
  return new Promise((resolve) => {
    let active = 0;
    const fill = () => {
      while (active < jobs) {
        const i = queue.findIndex(allowed);
        if (i < 0) break;
        active++;
        start(queue.splice(i, 1)[0]).then(() => {
          active--;
          fill();
        });
      }
      if (!queue.length && !active) resolve();
    };
    fill();
  });
}

// Stopped by a signal: the handler exits once the groups are gone; the files it ended are no results.
const unlessStopped = async () => {
  if (stopRequested()) await new Promise(() => {});
};

/** The test files under `dirs`, or the paths given (files or folders) when this stage is the one asked for. */
function files(stage, dirs) {
  if (part !== stage || !paths.length) return dirs.flatMap((d) => find(d, '.test.ts'));
  return paths.flatMap((p) => (existsSync(p) && statSync(p).isDirectory() ? find(p, '.test.ts') : [join(p)]));
}
if (part === 'all') {
  run('format (Prettier; npm run format rewrites)', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  run('type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  run('layer rules', 'npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs']);
  run('OpenAPI lint', process.execPath, ['scripts/lint-openapi.mjs']);
  run('deployment files (Dockerfile, compose.yaml)', process.execPath, ['scripts/lint-deploy.mjs']);
}
// Each file leads its own process group: a signal, the end of its file or of the run also ends what it spawned.
killGroupsOnExit((signal) => {
  const list = [...running].map((r) => r.label).join(', ');
  console.error(`\n${signal}: stopping${list ? ` ${list}` : ''} and what they started.`);
});
if (part !== 'integration') {
  const unit = files('unit', ['src']);
  if (!unit.length) {
    console.error(`\nNo unit test file under ${paths.join(', ')}.`);
    process.exit(1);
  }
  const unitJobs = Math.max(1, availableParallelism() - 1);
  const timeout = Number(process.env.FATURADOR_TEST_UNIT_TIMEOUT) || 300;
  console.log(`\n== unit tests: ${unit.length} files over ${unitJobs} runners, each killed after ${timeout} s`);
  const t0 = Date.now();
  const results = [];
  await drain([...unit], unitJobs, async (file) =>
    results.push({
      file,
      ...(await runFile(`[unit ${file}]`, ['--import', 'tsx', file], { timeoutMs: timeout * 1000 })),
    }),
  );
  await unlessStopped();
  const failed = results.filter((r) => !r.ok);
  const sum = (k) => results.reduce((n, r) => n + (r.counts[k] ?? 0), 0);
  console.log(
    `\nunit tests: ${results.length - failed.length} files passed, ${failed.length} failed; tests ${sum('pass')} ` +
      `passed, ${sum('fail')} failed; ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  for (const r of failed) console.log(`FAILED: ${r.file}${r.timedOut ? ` (timed out after ${timeout} s)` : ''}`);
  if (failed.length) {
    console.error(`\nunit tests failed.`);
    process.exit(1);
  }
}
if (part === 'unit') process.exit(0);
// FATURADOR_TEST_SCOPE=core limits the integration run to the core API and database tests (CI's second Node version).
const integration = (
  process.env.FATURADOR_TEST_SCOPE === 'core'
    ? [...find('test/api', '.test.ts'), ...find('test/db', '.test.ts')]
    : find('test', '.test.ts')
).filter((f) => !paths.length || paths.some((p) => f === join(p) || f.startsWith(join(p, '/'))));
if (!integration.length) {
  console.error(`\nNo integration test file under ${paths.join(', ')}.`);
  process.exit(1);
}
const dbs = ['pglite', 'postgres'].filter((db) => !only || only === db);
const fromSource = process.env.FATURADOR_TEST_FROM_SOURCE === '1';
const testArgs = fromSource
  ? ['--import', 'tsx', '--test', '--test-concurrency=1']
  : ['--test', '--test-concurrency=1'];
let compiled;
if (!fromSource) {
  console.log(`\n== compiling src/ and test/ (esbuild; FATURADOR_TEST_FROM_SOURCE=1 runs them through tsx instead)`);
  try {
    const built = await buildTests();
    compiled = built.dir;
    process.on('exit', () => rmSync(compiled, { recursive: true, force: true }));
    console.log(`${compiled}/ in ${built.seconds.toFixed(1)} s`);
  } catch (error) {
    console.error(`\ncompiling the tests failed: ${error.message}`);
    process.exit(1);
  }
}
const runnable = (file) => (fromSource ? file : join(compiled, file.replace(/\.ts$/, '.js')));

if (process.env.FATURADOR_TEST_SERIAL === '1') {
  for (const db of dbs)
    run(`integration tests on ${db}`, process.execPath, [...testArgs, ...integration.map(runnable)], {
      FATURADOR_TEST_DB: db,
    });
  process.exit(0);
}

const DURATIONS = 'scripts/test-durations.json';
const known = existsSync(DURATIONS) ? JSON.parse(readFileSync(DURATIONS, 'utf8')) : {};
// A pair never measured counts as longer than any measured one (so it cannot end the run late), then by the
// other database's time for the file, then by file size; measured pairs run longest first.
const estimate = (db, file) => {
  const own = known[db]?.[file];
  if (own !== undefined) return [0, own];
  const other = Object.keys(known).find((d) => d !== db && known[d]?.[file] !== undefined);
  return [1, other ? known[other][file] : 0, statSync(file).size];
};
const before = (a, b) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (b[i] ?? 0) - (a[i] ?? 0);
  return 0;
};
const queue = dbs
  .flatMap((db) => integration.map((file) => ({ db, file, key: estimate(db, file) })))
  .sort((x, y) => before(x.key, y.key));
const jobs = Math.max(1, Number(process.env.FATURADOR_TEST_JOBS) || Math.max(2, availableParallelism()));
const pgJobs = Math.max(1, Number(process.env.FATURADOR_TEST_PG_JOBS) || 4);

console.log(
  `\n== integration tests on ${dbs.join(' and ')}: ${queue.length} (file, database) pairs over ${jobs} runners, longest first`,
);
const started = Date.now();
const done = [];

// A pair prints only when it ends: say what is still running now and then, so a stuck file shows in the log.
const progress = setInterval(() => {
  const now = Date.now();
  const list = [...running].map((r) => `${r.label} (${Math.round((now - r.t0) / 1000)} s)`).join(', ');
  console.log(`… ${done.length}/${done.length + running.size + queue.length} pairs done; running: ${list}`);
}, 300_000);
progress.unref();

// A free runner takes the longest pair left that the PostgreSQL cap allows.
const pgRunning = () => [...running].filter((r) => r.label.startsWith('[postgres ')).length;
await drain(
  queue,
  jobs,
  async (pair) =>
    done.push({
      ...pair,
      ...(await runFile(`[${pair.db} ${pair.file}]`, [...testArgs, runnable(pair.file)], {
        env: { FATURADOR_TEST_DB: pair.db },
      })),
    }),
  (pair) => pair.db !== 'postgres' || pgRunning() < pgJobs,
);
await unlessStopped();

const wall = (Date.now() - started) / 1000;
const failed = done.filter((r) => !r.ok);
if (failed.length) {
  console.log(`\n== failing pairs (their output again)`);
  for (const r of failed) console.log(`${r.text}\n[${r.db} ${r.file}] FAILED (exit ${r.exit})\n`);
}
console.log(`\n== the 10 slowest pairs`);
for (const r of [...done].sort((a, b) => b.seconds - a.seconds).slice(0, 10))
  console.log(`${r.seconds.toFixed(1).padStart(7)} s  ${r.db.padEnd(8)} ${r.file}`);
console.log(`\n== integration summary`);
for (const db of dbs) {
  const mine = done.filter((r) => r.db === db);
  const sum = (k) => mine.reduce((n, r) => n + (r.counts[k] ?? 0), 0);
  const bad = mine.filter((r) => !r.ok).length;
  console.log(
    `${db}: ${mine.length - bad} files passed, ${bad} failed; tests ${sum('pass')} passed, ${sum('fail')} failed, ` +
      `${sum('skipped')} skipped; ${mine.reduce((n, r) => n + r.seconds, 0).toFixed(0)} s of runner time`,
  );
}
for (const r of failed) console.log(`FAILED: ${r.db} ${r.file}`);
console.log(`wall time ${wall.toFixed(1)} s over ${jobs} runners`);

if (process.env.FATURADOR_TEST_RECORD === '1') {
  const next = {};
  for (const db of ['pglite', 'postgres']) {
    const times = { ...known[db] };
    for (const r of done) if (r.db === db) times[r.file] = Math.round(r.seconds * 10) / 10;
    next[db] = Object.fromEntries(
      Object.keys(times)
        .filter((f) => existsSync(f))
        .sort()
        .map((f) => [f, times[f]]),
    );
  }
  writeFileSync(DURATIONS, `${JSON.stringify(next, null, 2)}\n`);
  console.log(`durations written to ${DURATIONS}`);
}
if (failed.length) process.exit(1);
