import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { testDbKind } from '../support/db.js';

// scripts/test.mjs runs each test file in its own process group (scripts/process-groups.mjs) so that the servers a
// file spawns end with the run. A small runner wired like it spawns a "test file" that spawns a "server" ignoring
// SIGTERM (what a leaked `faturador serve` in its shutdown, or a stuck one, looks like). No database: PGlite only.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const helper = pathToFileURL(join(root, 'scripts', 'process-groups.mjs')).href;
const work = mkdtempSync(join(tmpdir(), 'faturador-groups-'));
// What a failing case leaves behind is killed here, not left to the machine.
const started: number[] = [];
after(() => {
  for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

// The "test file": starts the "server", prints both pids, then waits (or exits at once with `exit`).
const testFile = join(work, 'file.mjs');
writeFileSync(
  testFile,
  `import { spawn } from 'node:child_process';
const server = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1e6)"], { stdio: 'ignore' });
console.log(JSON.stringify({ file: process.pid, server: server.pid }));
if (process.argv[2] === 'exit') setTimeout(() => process.exit(0), 100);
else setInterval(() => {}, 1e6);
`,
);
const runnerFile = join(work, 'runner.mjs');
writeFileSync(
  runnerFile,
  `import { killGroupsOnExit, spawnInGroup } from ${JSON.stringify(helper)};
killGroupsOnExit(() => console.log('stopping'), 1000);
const child = spawnInGroup(process.execPath, [${JSON.stringify(testFile)}, process.argv[2] ?? ''], { stdio: ['ignore', 'inherit', 'inherit'] });
if (process.argv[2] === 'runner-exits') setTimeout(() => process.exit(0), 1500);
else setInterval(() => {}, 1e6);
`,
);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function gone(pid: number, ms = 15_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
    if (!alive(pid)) return true;
  return false;
}

/** Starts the runner, resolves with the pids of its "test file" and "server" once both are up. */
async function startRunner(mode = '') {
  const runner = spawn(process.execPath, [runnerFile, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(runner.pid!);
  let out = '';
  runner.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((res) => runner.once('exit', (code) => res(code)));
  const pids = await new Promise<{ file: number; server: number }>((res, rej) => {
    runner.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      const pids = JSON.parse(line) as { file: number; server: number };
      started.push(pids.file, pids.server);
      res(pids);
    });
    runner.once('exit', () => rej(new Error(`runner exited early:\n${out}`)));
  });
  return { runner, exited, pids, out: () => out };
}

const cases = { skip: testDbKind !== 'pglite' };

test('SIGTERM to the runner ends the test file and the server it spawned, then the runner (143)', cases, async () => {
  const { runner, exited, pids, out } = await startRunner();
  runner.kill('SIGTERM');
  assert.equal(await exited, 143, out());
  assert.ok(await gone(pids.file), 'the test file is still running');
  assert.ok(await gone(pids.server), 'the server the test file spawned is still running');
  assert.match(out(), /stopping/);
});

test('SIGINT (Ctrl-C) does the same and exits 130', cases, async () => {
  const { runner, exited, pids } = await startRunner();
  runner.kill('SIGINT');
  assert.equal(await exited, 130);
  assert.ok(await gone(pids.file));
  assert.ok(await gone(pids.server));
});

test('a test file that ends leaving its server running: the server is killed with it', cases, async () => {
  const { runner, exited, pids } = await startRunner('exit');
  assert.ok(await gone(pids.file), 'the test file did not end');
  assert.ok(await gone(pids.server), 'the server outlived its test file');
  runner.kill('SIGTERM');
  assert.equal(await exited, 143);
});

test('the runner exiting while a test file runs ends its group', cases, async () => {
  const { exited, pids } = await startRunner('runner-exits');
  assert.equal(await exited, 0);
  assert.ok(await gone(pids.file));
  assert.ok(await gone(pids.server));
});
