import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PGliteOptions } from '@electric-sql/pglite';

type Engine = NonNullable<PGliteOptions['pgliteWasmModule']>;
// The WebAssembly global is missing from this project's type libraries (no DOM).
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<Engine> } }).WebAssembly;

let compiling: Promise<Engine | undefined> | undefined;

/**
 * PGlite's engine, PostgreSQL compiled to a 10 MB WebAssembly module, compiled once per process. V8 compiles it on
 * background threads, so `faturador serve` starts this before loading the server's modules (they load meanwhile on
 * the main thread) instead of after them, as PGlite.create would. Undefined when the file cannot be read or compiled:
 * PGlite then loads it itself, as without this.
 */
export function pgliteEngine(): Promise<Engine | undefined> {
  compiling ??= (async () => {
    try {
      const dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
      return await wasm.compile(await readFile(join(dir, 'pglite.wasm')));
    } catch {
      return undefined;
    }
  })();
  return compiling;
}
