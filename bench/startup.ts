/**
 * Start-up figures (issue #13): `faturador --help`, the first start on an empty DATA_DIR (PGlite: the build's data
 * template, migrations, sandbox account) and a restart, each until the process is ready (the banner for serve).
 * Runs the build in dist/ as `npm start` does (from source with tsx when there is none, which is slower).
 * `BENCH_STARTUP=0` skips it; alone: `node --import tsx bench/startup.ts`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../test/support/server-process.js';

const BUILT = 'dist/src/bin/faturador.js';

function command(args: string[]): string[] {
  return existsSync(BUILT) ? [BUILT, ...args] : ['--import', 'tsx', 'src/bin/faturador.ts', ...args];
}

/**
 * CPU seconds (user + system) a live process has used so far, all threads, or its main thread alone (`thread`: the
 * JavaScript thread, the critical path of a start; V8 compiles WebAssembly and collects garbage on the others):
 * Linux only, undefined elsewhere.
 */
function cpuSeconds(pid: number | undefined, thread = false): number | undefined {
  try {
    const fields = readFileSync(thread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

interface Timed {
  seconds: number;
  cpu?: number;
  mainCpu?: number;
  stop: () => Promise<void>;
}

/** Seconds from spawn until `ready` matches the output (or the process exits 0 when no pattern is given). */
function timed(args: string[], env: Record<string, string>, ready?: RegExp, argv?: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, argv ?? command(args), {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const seconds = () => Number(process.hrtime.bigint() - t0) / 1e9;
    const stop = () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
      });
    const onData = (d: Buffer) => {
      out += d;
      if (ready?.test(out)) {
        resolve({ seconds: seconds(), cpu: cpuSeconds(child.pid), mainCpu: cpuSeconds(child.pid, true), stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      if (!ready && code === 0) resolve({ seconds: seconds(), stop });
      else reject(new Error(`faturador ${args.join(' ')} exited with ${code}:\n${out}`));
    });
  });
}

export async function benchStartup(): Promise<void> {
  if (process.env.BENCH_STARTUP === '0') return;
  const dataDir = mkdtempSync(join(tmpdir(), 'faturador-bench-startup-'));
  const port = String(await freePort());
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', BOOTSTRAP_API_KEY: '', HOST: '127.0.0.1', PORT: port };
  const rows: [string, number, Timed | undefined, number | undefined][] = [];
  const median = async (argv: string[] | undefined) => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) runs.push((await timed(['--help'], env, undefined, argv)).seconds);
    return runs.sort((a, b) => a - b)[1];
  };
  try {
    // Node's own start as the reference: on a loaded machine every figure grows with it.
    rows.push(['node -e 0 (median of 3, reference)', await median(['-e', '0']), undefined, undefined]);
    rows.push(['faturador --help (median of 3)', await median(undefined), undefined, 0.5]);
    const first = await timed(['serve'], env, /listening on/);
    await first.stop();
    rows.push(['first start, empty DATA_DIR', first.seconds, first, 8]);
    const again = await timed(['serve'], env, /listening on/);
    await again.stop();
    rows.push(['restart', again.seconds, again, 2]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const what = existsSync(BUILT) ? BUILT : 'from source with tsx: no dist/, slower than npm start';
  console.log(`\nStart-up (PGlite, ${what}):`);
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [label, s, run, target] of rows) {
    const cpuText =
      run?.cpu === undefined ? '' : `  (CPU ${run.cpu.toFixed(2)} s, main thread ${run.mainCpu?.toFixed(2)} s)`;
    const verdict = target === undefined ? '' : `  target ≤ ${target} s  ${s <= target ? 'ok' : 'OVER'}`;
    console.log(`${label.padEnd(width)}  ${s.toFixed(2).padStart(6)} s${verdict}${cpuText}`);
  }
  console.log('Wall-clock seconds until ready (serve: the banner, after migrations and the sandbox account).');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchStartup();
