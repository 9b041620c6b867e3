import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase, testDbKind, type TestDatabase } from '../support/db.js';
import { faturadorArgs } from '../support/faturador-bin.js';
import { freePort } from '../support/server-process.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** How long a start may take before it counts as hung (FATURADOR_TEST_START_SECONDS overrides). */
const START_BOUND_MS = (Number(process.env.FATURADOR_TEST_START_SECONDS) || 300) * 1000;

export interface Served {
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** SIGTERM, and resolves with the exit code once the process has ended. */
  stop(): Promise<number | null>;
}

/** `faturador serve` (the build or the sources: faturador-bin.ts) with stdout and stderr kept apart (the JSON log stream vs the banner). */
export async function serveWithStreams(
  env: Record<string, string>,
  opts: { startBoundMs?: number } = {},
): Promise<Served> {
  const bound = opts.startBoundMs ?? START_BOUND_MS;
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
  const fail = (why: string) => {
    child.kill('SIGKILL');
    return new Error(`${why}:\n${out}\n${err}`);
  };
  // The banner (stderr) comes once the port is bound and the start is done: waiting for it, or for the process to
  // end, needs no polling. A fresh PGlite start from the sources took 39–48 s at a load of 15–19 on 2 cores
  // (2026-12-07), under 5 s on a quiet machine: the bound is for a hang, far above a slow start.
  const started = Date.now();
  const listening = await new Promise<boolean>((res) => {
    const timer = setTimeout(() => res(false), bound);
    const onData = () => {
      if (!/Faturador listening on /.test(err)) return;
      clearTimeout(timer);
      child.stderr.off('data', onData);
      res(true);
    };
    child.stderr.on('data', onData);
    child.once('exit', () => {
      clearTimeout(timer);
      res(false);
    });
  });
  if (child.exitCode !== null || child.signalCode !== null)
    throw fail(`server exited (${child.exitCode ?? child.signalCode}) before listening`);
  if (!listening) throw fail(`server did not start within ${bound / 1000} s`);
  // Listening, it answers at once; a few tries cover a loaded machine's scheduling.
  for (let i = 0; ; i++) {
    if ((await fetch(`${url}/healthz`).catch(() => undefined))?.ok) break;
    if (i === 50) throw fail(`server listening after ${Date.now() - started} ms but /healthz does not answer`);
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
