// The memory of a stored SAF-T file (the README's figures), in a process of its own so its RSS is the file's: DOCS
// documents cloned into March 2026, then either the 'saft.file' job run on them (`store`) or, once it ran, the
// file downloaded from its public link over a real socket and hashed as it arrives (`download`). It prints one JSON
// line: the peak RSS growth over the baseline taken after setup (the kernel's peak, VmHWM, reset at the baseline;
// RSS sampled every 20 ms where that is not available), the file's size and sha256, and the wall time. The same
// script runs against the code before chunked storage (it only uses the job, the link and the saft_files row).
// Usage: [MEMORY_FORCE_GC=1] node --expose-gc --import tsx test/saft/stored-file-memory-child.ts store|download DOCS
import { createHash } from 'node:crypto';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { saftFileJob } from '../../src/exports/saft/saft-file-job.js';
import { saftSoftware } from '../../src/exports/saft/software.js';
import { requestSaftFile } from '../../src/app/saft/request-saft-file.js';
import type { Job } from '../../src/infra/jobs/worker.js';
import { startTestApp, testConfig } from '../support/app.js';
import { peakRss, resetPeakRss } from '../support/peak-rss.js';
import { bulkTemplate, cloneDocuments } from './bulk-documents.js';
import { create } from './saft-helpers.js';

const [mode, docsArg] = process.argv.slice(2);
const docs = Number(docsArg);
if (!['store', 'download'].includes(mode) || !Number.isInteger(docs) || docs < 1) {
  console.error('usage: stored-file-memory-child.ts store|download DOCS');
  process.exit(2);
}

const t = await startTestApp();
const db = t.db.database.db;
const accountId = t.account.accountId;
const template = await bulkTemplate((url, body) => create(t, url, body));
await cloneDocuments(db, accountId, template.id, { month: '2026-03', count: docs, firstNumber: 2, codes: 50 });
const fileId = await db
  .transaction()
  .execute((tx) => requestSaftFile(tx, accountId, { from: '2026-03-01', to: '2026-03-31' }));
const job = { id: 0, account_id: accountId, kind: 'saft.file', payload: { fileId }, attempts: 0, max_attempts: 1 };
const runJob = () => saftFileJob(db, saftSoftware(testConfig.software))(job as Job);
if (mode === 'download') await runJob();
const row = await db
  .selectFrom('saft_files')
  .select('download_token')
  .where('id', '=', fileId)
  .executeTakeFirstOrThrow();
await t.app.listen({ host: '127.0.0.1', port: 0 });
const port = (t.app.server.address() as AddressInfo).port;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
for (let i = 0; i < 3; i++) {
  gc();
  await new Promise((r) => setTimeout(r, 50));
}
const baseline = process.memoryUsage().rss;
// From here the kernel's peak is the stage's own (where it can be reset; else the samples serve).
const hwmReset = resetPeakRss();
let peak = baseline;
// MEMORY_FORCE_GC=1 collects every 20 ms: what is still held, apart from the garbage V8 has not collected yet.
const forceGc = process.env.MEMORY_FORCE_GC === '1';
const sampler = setInterval(() => {
  if (forceGc) gc();
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const started = performance.now();

let size = 0;
const hash = createHash('sha256');
if (mode === 'store') await runJob();
else
  await new Promise<void>((resolve, reject) => {
    get(`http://127.0.0.1:${port}/download/saft/${fileId}/${row.download_token}`, (res) => {
      if (res.statusCode !== 200) reject(new Error(`download: ${res.statusCode}`));
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
      });
      res.on('end', resolve);
      res.on('error', reject);
    }).on('error', reject);
  });

const ms = performance.now() - started;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const hwm = hwmReset ? peakRss() : null;
if (hwm) peak = Math.max(peak, hwm);
if (mode === 'store') {
  const stored = await db.selectFrom('saft_files').selectAll().where('id', '=', fileId).executeTakeFirstOrThrow();
  size = Number((stored as { size?: number | null }).size ?? stored.bytes?.length ?? 0);
}
await t.close();
console.log(
  JSON.stringify({
    mode,
    docs,
    db: t.db.database.kind,
    size,
    sha256: mode === 'download' ? hash.digest('hex') : undefined,
    ms: Math.round(ms),
    baselineMb: +(baseline / 2 ** 20).toFixed(1),
    growthMb: +((peak - baseline) / 2 ** 20).toFixed(1),
  }),
);
