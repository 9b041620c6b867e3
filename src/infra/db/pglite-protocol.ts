/** The messages between PGlite's thread (pglite-worker.ts) and its client on the main thread (pglite-thread.ts). */

/** What the thread is started with (workerData). */
export interface PgliteThreadInit {
  dataDir?: string;
  /** A dumped data directory (PGlite's dumpDataDir), transferred to the thread. */
  loadDataDir?: ArrayBuffer;
  /** PGlite's compiled engine (pglite-engine.ts): a WebAssembly.Module is cloned without compiling it again. */
  engine?: unknown;
}

export type PgliteRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'close' };

export interface PgliteResult {
  rows: unknown[];
  affectedRows?: number;
}

/** Id 0 answers the start: no error once PGlite is open. */
export type PgliteReply =
  { id: number; result?: PgliteResult | PgliteResult[]; error?: undefined } | { id: number; error: ErrorFields };

export type ErrorFields = Record<string, string | number | boolean | undefined> & { message: string };

/**
 * A thrown value as plain fields: a structured clone of an Error keeps only its message and stack, and the code
 * reads PostgreSQL's fields (code, constraint, detail, table, column, severity, hint, where, …; domain-error-of.ts,
 * retry-transaction.ts). Only scalar fields travel (not the query's parameters PGlite attaches).
 */
export function errorFields(err: unknown): ErrorFields {
  if (!(err instanceof Error)) return { message: String(err) };
  const fields: ErrorFields = { message: err.message, name: err.name, stack: err.stack };
  for (const [key, value] of Object.entries(err)) {
    if (['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value as string | number | boolean;
  }
  return fields;
}

/** The Error the main thread throws for fields received from the thread. */
export function errorFromFields(fields: ErrorFields): Error {
  const { message, stack, ...rest } = fields;
  const err = Object.assign(new Error(message), rest);
  if (typeof stack === 'string') err.stack = stack;
  return err;
}
