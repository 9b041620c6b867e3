import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase, testDbKind, type TestDatabase } from '../support/db.js';
import { faturadorArgs } from '../support/faturador-bin.js';
import { freePort } from '../support/server-process.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Served {
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** SIGTERM, and resolves with the exit code once the process has ended. */
  stop(): Promise<number | null>;
}

/** `faturador serve` (the build or the sources: faturador-bin.ts) with stdout and stderr kept apart (the JSON log stream vs the banner). */
export async function serveWithStreams(env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [...faturadorArgs(), 'serve'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'info', ...env, HOST: '127.0.0.1', PORT: String(port) },
  });
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}\n${err}`);
    if ((await fetch(`${url}/healthz`).catch(() => undefined))?.ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${out}\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stdout: () => out,
    stderr: () => err,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      return exited;
    },
  };
}

/** A database for a child process on the suite's database: an empty PGlite DATA_DIR, or a new PostgreSQL database. */
export async function childDatabase(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  if (testDbKind === 'postgres') {
    const db: TestDatabase = await freshDatabase('postgres');
    return { env: { DATABASE_URL: db.url! }, cleanup: () => db.drop() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'faturador-ops-'));
  return {
    env: { DATA_DIR: dir },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The JSON records of a log stream; throws on a line that is not JSON (something mixed into the stream). */
export function logRecords(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON log record on stdout: ${l}`);
      }
    });
}
