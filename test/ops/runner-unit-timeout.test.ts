import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testDbKind } from '../support/db.js';

// scripts/test.mjs bounds each unit test file (FATURADOR_TEST_UNIT_TIMEOUT seconds): a file that hangs is killed with
// its process group and fails, named, instead of holding CI until its hard limit. Here the real runner's unit stage
// on three fixture files: one that passes, one whose test never ends (after starting a "server" that ignores
// SIGTERM), one whose tests pass but that never exits (a handle left open). No database: PGlite only.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(join(tmpdir(), 'faturador-unit-timeout-'));
const started: number[] = [];
after(() => {
  for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

const passes = join(work, 'passes.test.ts');
writeFileSync(passes, `import { test } from 'node:test';\ntest('passes', () => {});\n`);
const hangs = join(work, 'hangs.test.ts');
writeFileSync(
  hangs,
  `import { test } from 'node:test';
import { spawn } from 'node:child_process';
test('never ends', async () => {
  const server = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1e6)"], { stdio: 'ignore' });
  console.log('pids ' + JSON.stringify({ file: process.pid, server: server.pid }));
  await new Promise(() => setInterval(() => {}, 1e6));
});
`,
);
const neverExits = join(work, 'never-exits.test.ts');
writeFileSync(
  neverExits,
  `import { test } from 'node:test';\ntest('passes but leaves a timer', () => { setInterval(() => {}, 1e6); });\n`,
);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function gone(pid: number, ms = 15_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
    if (!alive(pid)) return true;
  return false;
}

test(
  'a unit test file that hangs is killed after the timeout, with what it spawned, and fails named',
  {
    skip: testDbKind !== 'pglite',
  },
  async () => {
    const runner = spawn(process.execPath, ['scripts/test.mjs', '--unit', passes, hangs, neverExits], {
      cwd: root,
      env: { ...process.env, FATURADOR_TEST_UNIT_TIMEOUT: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(runner.pid!);
    let out = '';
    runner.stdout.on('data', (d) => (out += d));
    runner.stderr.on('data', (d) => (out += d));
    const t0 = Date.now();
    // Without the bound the run would never end: stop it (SIGTERM ends its groups too) and fail.
    const code = await new Promise<number | null>((res) => {
      const stop = setTimeout(() => {
        runner.kill('SIGTERM');
        setTimeout(() => runner.kill('SIGKILL'), 10_000).unref();
      }, 90_000);
      runner.once('exit', (c) => {
        clearTimeout(stop);
        res(c);
      });
    });
    const seconds = (Date.now() - t0) / 1000;
    assert.equal(code, 1, out);
    assert.ok(seconds < 60, `${seconds} s\n${out}`);
    assert.match(out, new RegExp(`\\[unit ${escaped(passes)}\\] passed in`), out);
    for (const file of [hangs, neverExits]) {
      assert.match(out, new RegExp(`\\[unit ${escaped(file)}\\] FAILED \\(timed out\\) in`), out);
      assert.match(out, new RegExp(`^FAILED: ${escaped(file)} \\(timed out after 3 s\\)$`, 'm'), out);
    }
    assert.match(out, /unit tests: 1 files passed, 2 failed/, out);
    // What the hung file printed before it was killed is shown; it and the server it started are gone.
    const line = out.split('\n').find((l) => l.startsWith(`[unit ${hangs}] pids `));
    assert.ok(line, out);
    const pids = JSON.parse(line.slice(line.indexOf('pids ') + 5)) as { file: number; server: number };
    started.push(pids.file, pids.server);
    assert.ok(await gone(pids.file), 'the hung test file is still running');
    assert.ok(await gone(pids.server), 'the server the hung test file spawned is still running');
  },
);
