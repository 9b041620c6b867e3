// One measurement of memory.test.ts in a process of its own (so its RSS is the import's): a generated CSV of ROWS rows
// (two per document, contiguous) read either through the read and group stages alone (`read`), checked whole as
// POST /v1/imports?dryRun checks it (`check`: spooled, then previewImport), or sent to POST /v1/imports?dryRun over
// a real socket, streamed, as a client would (`dryrun`, for the README's figures). It prints one JSON line: the
// peak RSS growth over the baseline taken after setup (RSS sampled every 10 ms, and the process's maximum RSS if it
// rose during the run; on Linux the kernel's exact peak, VmHWM, reset at the baseline), of the heap, and of the
// heap right after each forced collection, the wall time, and what was read.
// MEMORY_FORCE_GC=0 forces none (the figures of a server left to its collector).
// Usage: node --expose-gc --import tsx test/imports/memory-child.ts read|check|dryrun ROWS
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { fileDocuments, scanFile } from '../../src/app/imports/file-documents.js';
import { spoolToTempFile, type ImportSource } from '../../src/app/imports/import-source.js';
import { previewImport } from '../../src/app/imports/preview-import.js';
import { startTestApp } from '../support/app.js';
import { peakRss, resetPeakRss } from '../support/peak-rss.js';
import { EN_HEADER } from './support.js';

const [mode, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg);
if (!['read', 'check', 'dryrun'].includes(mode) || !Number.isInteger(rows) || rows < 2) {
  console.error('usage: memory-child.ts read|check|dryrun ROWS');
  process.exit(2);
}

/** The CSV written a document at a time (never held whole, so the baseline holds none of it). */
async function writeCsv(path: string, docs: number) {
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? undefined : once(out, 'drain'));
  await write(EN_HEADER + '\n');
  for (let d = 1; d <= docs; d++)
    await write(
      `D${d},FT,123456789,Cliente Import,,Serviço ${d},1,${10 + d}.50,,23\nD${d},,,,,Extra ${d},2,3.25,10,23\n`,
    );
  out.end();
  await once(out, 'finish');
}

/** POST /v1/imports (dryRun) with the file streamed from disk as one multipart part; the status and the body. */
async function postDryRun(port: number, apiKey: string, path: string): Promise<{ status: number; body: Buffer }> {
  const boundary = `----faturador${Date.now().toString(16)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\ntrue\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="memory.csv"\r\n` +
      'Content-Type: text/csv\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/v1/imports',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  const answer = once(req, 'response');
  req.write(head);
  for await (const chunk of createReadStream(path)) if (!req.write(chunk)) await once(req, 'drain');
  req.end(tail);
  const [res] = (await answer) as [import('node:http').IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, body: Buffer.concat(chunks) };
}

const dir = await mkdtemp(join(tmpdir(), 'faturador-memory-'));
const file = join(dir, 'rows.csv');
await writeCsv(file, Math.floor(rows / 2));
// Reading and grouping touch no database: only the checks start the app (and its database).
const t = mode === 'read' ? null : await startTestApp();
let port = 0;
if (t && mode === 'dryrun') {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as AddressInfo).port;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
for (let i = 0; i < 3; i++) {
  gc();
  await new Promise((r) => setTimeout(r, 50));
}
const baseline = process.memoryUsage().rss;
const maxBefore = process.resourceUsage().maxRSS * 1024;
// From here the kernel's peak is the stage's own (where it can be reset; else the samples and the maximum RSS serve).
const hwmReset = resetPeakRss();
let peak = baseline;
const heapBaseline = process.memoryUsage().heapUsed;
let peakHeap = heapBaseline;
let peakLive = heapBaseline;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 10);

// V8 leaves garbage in the heap until its next full collection, whose threshold grows with what was allocated, so
// an unforced run's peak measures the collector's pace more than what the import holds. In `read` and `check`, a
// full collection is forced each eighth of the file read (at most each 256 KiB) (every pass over it, as the import reads it: on
// PGlite the database runs on this thread and keeps timers from firing while a slice is checked): the garbage is
// then bounded by bytes, not by rows, and the heap right after each collection is what the import still holds.
const forceGc = process.env.MEMORY_FORCE_GC !== '0';
const sampled = (source: ImportSource): ImportSource => ({
  ...source,
  open: () => {
    const step = Math.min(256 * 1024, Math.ceil(source.bytes / 8));
    let read = 0;
    let next = step;
    return source.open().pipe(
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          read += chunk.length;
          if (forceGc && read >= next) {
            next += step;
            gc();
            const m = process.memoryUsage();
            peakLive = Math.max(peakLive, m.heapUsed);
            peak = Math.max(peak, m.rss);
          }
          done(null, chunk);
        },
      }),
    );
  },
});

const started = performance.now();
/** The wall time and the peak growth so far (taken before the answer is parsed, which the server never holds). */
function measure() {
  clearInterval(sampler);
  const ms = performance.now() - started;
  peak = Math.max(peak, process.memoryUsage().rss);
  const maxAfter = process.resourceUsage().maxRSS * 1024;
  if (maxAfter > maxBefore) peak = Math.max(peak, maxAfter);
  const hwm = hwmReset ? peakRss() : null;
  if (hwm) peak = Math.max(peak, hwm);
  return {
    ms: Math.round(ms),
    baselineMb: +(baseline / 2 ** 20).toFixed(1),
    growthMb: +((peak - baseline) / 2 ** 20).toFixed(1),
    heapGrowthMb: +((peakHeap - heapBaseline) / 2 ** 20).toFixed(1),
    liveGrowthMb: +((peakLive - heapBaseline) / 2 ** 20).toFixed(1),
  };
}
let result: Record<string, unknown>;
let measured: ReturnType<typeof measure>;
if (mode === 'read') {
  const source = await spoolToTempFile(createReadStream(file), 32 * 1024 * 1024);
  try {
    const scan = await scanFile(sampled(source));
    let documents = 0;
    let issues = 0;
    for await (const chunk of fileDocuments(sampled(source), scan)) {
      documents += chunk.documents.length;
      issues += chunk.issues.length;
    }
    measured = measure();
    result = { rows: scan.rows, documents, issues };
  } finally {
    await source.dispose();
  }
} else if (mode === 'check') {
  // What POST /v1/imports does with the file, without the socket: spooled, then checked.
  const source = await spoolToTempFile(createReadStream(file), 32 * 1024 * 1024);
  try {
    const ctx = { accountId: t!.account.accountId, userId: null, now: new Date() };
    const preview = await previewImport(t!.db.database.db, ctx, sampled(source), {});
    measured = measure();
    result = { rows: preview.rows, documents: preview.documents.length, errors: preview.errors.length };
  } finally {
    await source.dispose();
  }
} else {
  const { status, body } = await postDryRun(port, t!.account.apiKey, file);
  measured = measure();
  const preview = JSON.parse(body.toString('utf8'));
  result = { status, rows: preview.rows, documents: preview.documents?.length, errors: preview.errors?.length };
}
await t?.close();
await rm(dir, { recursive: true, force: true });
console.log(JSON.stringify({ mode, ...result, ...measured }));
