import { readdirSync, readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { runInThisContext } from 'node:vm';
import type { XsdError } from './types.js';

/** The main schema of each root element, relative to its schema set's folder under assets/einvoice/xsd/. */
const MAIN = {
  invoice: { set: 'ubl-2.1', file: 'maindoc/UBL-Invoice-2.1.xsd' },
  'credit-note': { set: 'ubl-2.1', file: 'maindoc/UBL-CreditNote-2.1.xsd' },
  cii: { set: 'cii-d16b', file: 'uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd' },
} as const;
export type XsdKind = keyof typeof MAIN;

interface FileInfo {
  fileName: string;
  contents: string;
}
type XmllintModule = (options: Record<string, unknown>) => Promise<unknown>;
/** The part of the WebAssembly global used here (the project's lib settings do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (limits: { initial: number; maximum: number }) => object;
  instantiate(module: object, imports: object): Promise<object>;
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const require = createRequire(import.meta.url);
let xmllint: { run: XmllintModule; wasm: object } | undefined;
const schemaSets = new Map<string, FileInfo[]>();

/**
 * The package's Emscripten module. Its file ends by listening on `worker_threads.parentPort` for the package's own
 * worker protocol, which throws where there is no parent port (the main thread: EINVOICE_THREADS=0, or threads that
 * cannot start); it is loaded here with a port that never receives, as only the module factory is used.
 */
function loadXmllint(): XmllintModule {
  const filename = require.resolve('xmllint-wasm/xmllint-node.js');
  // Node's own CommonJS wrapper (module.wrap), run as the file's function: (exports, require, module, file, dir).
  const body = runInThisContext(Module.wrap(readFileSync(filename, 'utf8')), { filename }) as (
    ...args: unknown[]
  ) => void;
  const mod = { exports: {} as unknown };
  const inert = { on: () => undefined, postMessage: () => undefined };
  const stubbed = (id: string) => (id === 'worker_threads' ? { parentPort: inert } : require(id));
  body(mod.exports, stubbed, mod, filename, dirname(filename));
  return mod.exports as XmllintModule;
}

/**
 * xmllint-wasm's libxml2 (2.13, WebAssembly), run on this thread. The package's own validateXML starts a thread and
 * compiles the WebAssembly on every call (about 430 ms of CPU a document); here the module is compiled once per
 * thread and each document gets a fresh instance of it (about 50 ms), the way the package's worker runs it.
 */
function engine(): { run: XmllintModule; wasm: object } {
  if (!xmllint) {
    const run = loadXmllint();
    const wasm = new Wasm.Module(readFileSync(require.resolve('xmllint-wasm/xmllint.wasm')));
    xmllint = { run, wasm };
  }
  return xmllint;
}

function schemaSet(assetsDir: string, set: string): FileInfo[] {
  let files = schemaSets.get(set);
  if (!files) {
    const root = join(assetsDir, 'xsd', set);
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.xsd') ? [join(dir, e.name)] : [],
      );
    // Named as laid out on disk, so that the schemas' relative imports resolve in xmllint's virtual file system.
    files = walk(root).map((f) => ({ fileName: relative(root, f), contents: readFileSync(f, 'utf8') }));
    schemaSets.set(set, files);
  }
  return files;
}

const DOC = 'document.xml';

/** Validates a document against the XSD of its root element; errors carry the document's line. */
export async function validateXsd(
  assetsDir: string,
  kind: XsdKind,
  xml: string,
): Promise<{ valid: boolean; errors: XsdError[] }> {
  const { set, file } = MAIN[kind];
  const { run, wasm } = engine();
  // Emscripten reports xmllint's exit status through process.exitCode: on the main thread, the server's own.
  const exitCode = process.exitCode;
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
    let err = '';
    const started = run({
      inputFiles: [{ fileName: DOC, contents: xml }, ...schemaSet(assetsDir, set)],
      arguments: ['--schema', file, '--noout', DOC],
      print: () => undefined,
      printErr: (text: string) => (err += `${text}\n`),
      onExit: (exitCode: number) => resolve({ code: exitCode, stderr: err }),
      onAbort: (reason: unknown) => resolve({ code: -1, stderr: `xmllint aborted: ${String(reason)}` }),
      // 16 MB to start, growing up to 1 GB (a 10 MB document with an embedded PDF needs well over 32 MB).
      wasmMemory: new Wasm.Memory({ initial: 256, maximum: 16384 }),
      instantiateWasm: (imports: object, done: (instance: object, module: object) => void) => {
        void Wasm.instantiate(wasm, imports).then((instance) => done(instance, wasm));
        return {};
      },
    });
    // Emscripten ends main() by throwing its exit status through this promise; onExit has the result.
    Promise.resolve(started).catch(() => undefined);
  });
  process.exitCode = exitCode;
  if (code === 0) return { valid: true, errors: [] };
  const errors: XsdError[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^document\.xml:(\d+): (.*)$/.exec(line);
    if (m) errors.push({ line: Number(m[1]), message: m[2].replace(/^Schemas validity error : /, '') });
  }
  if (!errors.length) errors.push({ line: null, message: stderr.trim() || `xmllint exited with ${code}` });
  return { valid: false, errors };
}
