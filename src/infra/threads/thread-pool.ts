import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

/** The first of `candidates` (paths relative to `from`, a module URL) that exists, as a URL; undefined if none. */
export function findWorkerFile(from: string, candidates: readonly string[]): string | undefined {
  for (const rel of candidates) {
    const url = new URL(rel, from);
    if (existsSync(fileURLToPath(url))) return url.href;
  }
  return undefined;
}

export interface StartedPool {
  pool: Piscina | undefined;
  /** True once every thread ran the warm-up task; false when threads cannot start (the caller then works in-process). */
  ready: Promise<boolean>;
}

/**
 * A fixed-size piscina pool on `file`, each thread warmed by one `warmTask`. Where no thread can start (no worker
 * file, a sandbox without threads, a warm-up that throws), warns once with `warning(why)` and reports not ready.
 * `threads` 0 starts nothing and warns nothing.
 */
export function startThreadPool(
  file: string | undefined,
  threads: number,
  warmTask: unknown,
  warning: (why: string) => string,
): StartedPool {
  const fallBack = (err: unknown): false => {
    process.emitWarning(warning(err instanceof Error ? err.message : String(err)));
    return false;
  };
  if (threads <= 0) return { pool: undefined, ready: Promise.resolve(false) };
  if (!file) return { pool: undefined, ready: Promise.resolve(fallBack(new Error('the worker file was not found'))) };
  let pool: Piscina;
  try {
    pool = new Piscina({ filename: file, minThreads: threads, maxThreads: threads, idleTimeout: Infinity });
  } catch (err) {
    return { pool: undefined, ready: Promise.resolve(fallBack(err)) };
  }
  // A thread that dies is replaced by Piscina and its task rejected; unhandled, the event would end the process.
  pool.on('error', () => undefined);
  const ready = Promise.all(Array.from({ length: threads }, () => pool.run(warmTask))).then(() => true, fallBack);
  return { pool, ready };
}
