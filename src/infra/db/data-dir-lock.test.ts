import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirBusyError, lockDataDir } from './data-dir-lock.js';

test('a DATA_DIR lock is exclusive, names its holder, and is free again once released', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faturador-lock-'));
  try {
    const first = lockDataDir(dir);
    assert.throws(
      () => lockDataDir(dir),
      (err: unknown) =>
        err instanceof DataDirBusyError &&
        err.holderPid === process.pid &&
        /is in use by another Faturador process \(pid \d+\)/.test(err.message),
    );
    first.release();
    first.release();
    lockDataDir(dir).release();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the kernel frees the lock of a process killed with SIGKILL: no stale lock', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'faturador-lock-'));
  try {
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import { lockDataDir } from ${JSON.stringify(new URL('./data-dir-lock.ts', import.meta.url).pathname)};
       lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d) => {
        if (String(d).includes('locked')) resolve();
      });
      holder.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
    });
    assert.throws(
      () => lockDataDir(dir),
      (err: unknown) => err instanceof DataDirBusyError && err.holderPid === holder.pid,
    );
    await new Promise((resolve) => {
      holder.once('exit', resolve);
      holder.kill('SIGKILL');
    });
    lockDataDir(dir).release();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
