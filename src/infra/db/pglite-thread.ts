import { Worker } from 'node:worker_threads';
import { findWorkerFile } from '../threads/thread-pool.js';
import {
  errorFromFields,
  type PgliteReply,
  type PgliteRequest,
  type PgliteResult,
  type PgliteThreadInit,
} from './pglite-protocol.js';
import { pgliteEngine } from './pglite-engine.js';
import { PreparedPglite } from './pglite-prepared.js';
import { TYPE_PARSERS } from './type-parsers.js';

/** What the code calls on a PGlite (kysely-pglite-dialect's connection, database.ts): on its thread or in-process. */
export interface PgliteClient {
  query(sql: string, params?: unknown[]): Promise<PgliteResult>;
  exec(script: string): Promise<PgliteResult[]>;
  close(): Promise<void>;
}

export interface PgliteOpenOptions {
  dataDir?: string;
  loadDataDir?: Blob;
}

/**
 * Where PGlite's thread module is, from this module's place: beside it from the sources (its tsx bootstrap,
 * pglite-worker.dev.mjs) and from tsc's dist/, or as the bundle's own entry (scripts/build-bundle.mjs) beside the
 * CLI, this code being in the CLI or in one of its chunks.
 */
export function pgliteWorkerFile(from = import.meta.url): string | undefined {
  return findWorkerFile(
    from,
    from.endsWith('.ts') ? ['./pglite-worker.dev.mjs'] : ['./pglite-worker.js', '../pglite-worker.js'],
  );
}

/** The thread could not start (no worker file, no threads, its module failed to load): PGlite runs in-process. */
class ThreadStartError extends Error {}

let warned = false;

/**
 * Opens PGlite on a thread of its own (PGliteThread), or in this thread with `thread` false. Where the thread
 * cannot start, warns once per process and opens PGlite in-process, as with `thread` false. An error of PGlite
 * itself (a damaged data directory) is thrown as it is.
 */
export async function openPgliteClient(
  opts: PgliteOpenOptions,
  thread = true,
  workerFile = pgliteWorkerFile(),
): Promise<PgliteClient> {
  const engine = await pgliteEngine();
  if (thread) {
    try {
      return await PGliteThread.open(workerFile, { ...opts, engine });
    } catch (err) {
      if (!(err instanceof ThreadStartError)) throw err;
      if (!warned)
        process.emitWarning(`PGlite's thread could not start (${err.message}): PGlite runs on the main thread.`);
      warned = true;
    }
  }
  // Loaded only here: with the thread, PGlite's JavaScript is loaded by the thread alone.
  const { PGlite, protocol } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    parsers: TYPE_PARSERS,
    ...(engine && { pgliteWasmModule: engine }),
  });
  return new PreparedPglite(pglite, protocol.serialize);
}

type RequestBody = PgliteRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
type Pending = { resolve: (r: unknown) => void; reject: (err: Error) => void };

// Class instances other than these travel as PGlite would send them (toString: a Decimal as its digits); a
// structured clone would keep only their fields.
const isCloneable = (v: object) =>
  v instanceof Date ||
  ArrayBuffer.isView(v) ||
  Array.isArray(v) ||
  [Object.prototype, null].includes(Object.getPrototypeOf(v));
const param = (v: unknown) => (v !== null && typeof v === 'object' && !isCloneable(v) ? String(v) : v);

/**
 * PGlite on a worker thread of this process: its WebAssembly PostgreSQL and protocol parsing (most of a
 * statement's CPU) run there, so the event loop only does HTTP and the application. Requests carry an id and are
 * answered by it. The thread keeps the process alive only while a request waits (as in-process PGlite, which holds
 * nothing); `close()` closes PGlite and ends the thread. A thread that dies rejects what waits and what follows.
 */
export class PGliteThread implements PgliteClient {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (msg: PgliteReply) => this.answer(msg));
    worker.on('error', (err) => this.fail(new Error(`PGlite's thread failed: ${err.message}`, { cause: err })));
    worker.on('exit', (code) => this.fail(new Error(`PGlite's thread exited (code ${code}).`)));
  }

  static async open(
    file: string | undefined,
    init: Omit<PgliteThreadInit, 'loadDataDir'> & { loadDataDir?: Blob },
  ): Promise<PGliteThread> {
    if (!file) throw new ThreadStartError('the worker file was not found');
    const loadDataDir = init.loadDataDir && (await init.loadDataDir.arrayBuffer());
    const workerData: PgliteThreadInit = { dataDir: init.dataDir, loadDataDir, engine: init.engine };
    let worker: Worker;
    try {
      worker = new Worker(new URL(file), { workerData, transferList: loadDataDir ? [loadDataDir] : [] });
    } catch (err) {
      throw new ThreadStartError(err instanceof Error ? err.message : String(err));
    }
    // The first message (id 0) tells whether PGlite opened; an error or exit before it: the thread did not start.
    const opened = await new Promise<PgliteReply | Error>((resolve) => {
      const onMessage = (msg: PgliteReply) => msg.id === 0 && done(msg);
      const onError = (err: Error) => done(new ThreadStartError(err.message));
      const onExit = (code: number) => done(new ThreadStartError(`it exited (code ${code}) before PGlite opened`));
      const done = (r: PgliteReply | Error) => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        resolve(r);
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
    if (opened instanceof Error || opened.error) {
      await worker.terminate();
      throw opened instanceof Error ? opened : errorFromFields(opened.error!);
    }
    const client = new PGliteThread(worker);
    // After the listeners: adding a 'message' listener refs the worker's port again.
    worker.unref();
    return client;
  }

  query(sql: string, params: unknown[] = []): Promise<PgliteResult> {
    return this.request({ op: 'query', sql, params: params.map(param) }) as Promise<PgliteResult>;
  }

  exec(script: string): Promise<PgliteResult[]> {
    return this.request({ op: 'exec', sql: script }) as Promise<PgliteResult[]>;
  }

  /** Closes PGlite (after the requests already sent) and ends the thread; again: the same promise. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (!this.failure) await this.request({ op: 'close' });
      } finally {
        this.failure ??= new Error("PGlite's thread is closed.");
        await this.worker.terminate();
      }
    })();
    return this.closing;
  }

  private request(req: RequestBody): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing && req.op !== 'close') return Promise.reject(new Error("PGlite's thread is closed."));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ ...req, id });
      } catch (err) {
        this.settle(id);
        reject(err as Error);
      }
    });
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    return p;
  }

  private answer(msg: PgliteReply): void {
    const p = this.settle(msg.id);
    if (!p) return;
    if (msg.error) p.reject(errorFromFields(msg.error));
    else p.resolve(msg.result);
  }

  private fail(err: Error): void {
    const unexpected = !this.failure && !this.closing;
    this.failure ??= err;
    if (unexpected) process.emitWarning(err.message);
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(this.failure);
  }
}
