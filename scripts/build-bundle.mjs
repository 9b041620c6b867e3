// Bundles the CLI (src/bin/faturador.ts) with esbuild over tsc's dist/src/bin/faturador.js: `faturador serve` then
// loads a few files instead of over a thousand (390 of ours, 700 of its dependencies'): a third less CPU a restart.
// Dynamic imports stay split: `--help` loads only the entry (commander), `serve` its own chunk.
// Run by `npm run build` after tsc and copy-assets (tsc's output stays: scripts import it, e.g. the data template).
//
// Dependencies are bundled too, except these, loaded from node_modules as before: those that read files beside
// their own code (__dirname, assets: PGlite's WebAssembly, fonts, Swagger UI's pages, @fastify/swagger's
// package.json), native or worker-thread ones (fs-native-extensions, pino's transports), and those loaded on first use
// by createRequire (pdfkit, qrcode, nodemailer, soap; createRequire is not followed by esbuild anyway).
// The PDF render thread is an entry of its own, pdf-render-worker.js beside the CLI, where render-pool.ts looks for
// it; piscina stays external (it starts its threads from its own worker file). Likewise the e-invoice validation
// thread, einvoice-validate-worker.js (validate-pool.ts); saxon-js (2 MB, loaded by that thread only) and
// xmllint-wasm (its WebAssembly and worker file beside its code) stay external. PGlite's thread is pglite-worker.js
// beside the CLI (pglite-thread.ts).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const EXTERNAL = [
  '@electric-sql/pglite',
  '@fastify/swagger',
  '@fastify/swagger-ui',
  '@fastify/static',
  'dejavu-fonts-ttf',
  'fs-native-extensions',
  'nodemailer',
  'pdfkit',
  'pg-native',
  'piscina',
  'pino',
  'qrcode',
  'saxon-js',
  'soap',
  'thread-stream',
  'xmllint-wasm',
];
// Another folder as the first argument: a test builds one of its own (test/ops/bundle.test.ts).
const outdir = process.argv[2] ?? 'dist/src/bin';
rmSync(join(outdir, 'chunks'), { recursive: true, force: true });

await build({
  entryPoints: {
    faturador: 'src/bin/faturador.ts',
    'pdf-render-worker': 'src/render/pdf/render-worker.ts',
    'einvoice-validate-worker': 'src/exports/einvoice/validate/validate-worker.ts',
    'pglite-worker': 'src/infra/db/pglite-worker.ts',
  },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: EXTERNAL,
  // CommonJS dependencies call require(): an ES module has none, so each file gets one.
  banner: {
    js:
      "import { createRequire as __faturadorRequire } from 'node:module';\n" +
      'const require = __faturadorRequire(import.meta.url);',
  },
  logLevel: 'warning',
});

// A bundled dependency that looks for files beside its own code would look beside the bundle instead: refuse it
// (add it to EXTERNAL). Mentions in comments are fine.
const offenders = [];
for (const dir of [outdir, join(outdir, 'chunks')]) {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/\b__(dirname|filename)\b/.test(line) && !/^\s*(\*|\/\/)/.test(line)) {
          offenders.push(`${join(dir, name)}:${i + 1}: ${line.trim().slice(0, 120)}`);
        }
      });
  }
}
if (offenders.length) {
  console.error(
    `build-bundle: bundled code uses __dirname/__filename (make its package external):\n${offenders.join('\n')}`,
  );
  process.exit(1);
}
