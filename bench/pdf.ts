/**
 * PDF figures for `npm run bench` (bench/run.ts calls `benchPdf()`), or alone: `node --import tsx bench/pdf.ts`.
 * - render rate: documents of 1 and 50 lines rendered back to back in one process (fonts and shaping warm);
 * - finalize → PDF available: create-and-finalize requests with the outbox worker running, then the time until
 *   the rendered file is in document_files (0 would mean "ready when the call returns");
 * - a download: the cached render plus its copy mark, through the API.
 * Prints a table; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createAccount } from '../src/app/accounts/create-account.js';
import { loadPdfSource } from '../src/app/pdf/load-pdf-source.js';
import type { Config } from '../src/config.js';
import { buildServer } from '../src/server/build-server.js';
import { buildServices } from '../src/server/build-services.js';
import { Metrics } from '../src/infra/metrics/metrics.js';
import { openDatabase, type Database } from '../src/infra/db/database.js';
import { migrate } from '../src/infra/db/migrate.js';
import { syncReferenceData } from '../src/infra/db/sync-reference-data.js';
import { JobWorker } from '../src/infra/jobs/worker.js';
import { PDF_RENDER_JOB } from '../src/app/pdf/enqueue-pdf-render.js';
import { pdfRenderJob } from '../src/render/pdf/pdf-job.js';
import { buildPdfModel } from '../src/render/pdf/model.js';
import { renderDocumentPdf } from '../src/render/pdf/render-document.js';
import { stampCopyMark } from '../src/render/pdf/copy-mark.js';
import { BENCH_CONFIG } from './http-bench.js';

const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RENDERS = Number(process.env.BENCH_PDF_RENDERS ?? 200);
const FINALIZES = Number(process.env.BENCH_PDF_DOCS ?? 200);

const CONFIG: Config = { ...BENCH_CONFIG, runWorker: true };

const lines = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    code: `ART-${i + 1}`,
    description: `Artigo de teste número ${i + 1}, com descrição`,
    quantity: String((i % 5) + 1),
    unitPrice: '12.3456',
    taxName: i % 4 === 0 ? 'IVA6' : 'IVA23',
    discounts: i % 3 === 0 ? ['5'] : [],
  }));
const CUSTOMER = {
  name: 'Cliente Bench, Lda',
  taxId: '123456789',
  street: 'Rua Augusta, 100',
  postalCode: '1100-053',
  city: 'Lisboa',
};

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const f = (n: number, d = 1) => n.toFixed(d);

async function setup(database: Database) {
  const key = `ftr_test_benchpdf_${Date.now()}_${'x'.repeat(40)}`;
  const { accountId } = await database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: 'Bench PDF, Lda',
      taxId: '503340855',
      street: 'Rua do Ouro, 1',
      postalCode: '1100-060',
      city: 'Lisboa',
      owner: { email: `benchpdf${Date.now()}@example.com` },
      apiKey: key,
    }),
  );
  // The PDF job as registered in src/server/jobs.ts, observed: `rendered` resolves when a document's file is committed.
  const waiting = new Map<number, () => void>();
  const done = new Set<number>();
  const handler = pdfRenderJob(database.db);
  const worker = new JobWorker(database.db, { pollMs: 1000 });
  worker.register(PDF_RENDER_JOB, async (job) => {
    await handler(job);
    const id = Number(job.payload.documentId);
    done.add(id);
    waiting.get(id)?.();
  });
  const rendered = (id: number): Promise<boolean> =>
    done.has(id) ? Promise.resolve(true) : new Promise((resolve) => waiting.set(id, () => resolve(false)));
  const app = await buildServer(buildServices(CONFIG, database, new Metrics(), worker), { logger: false });
  await app.ready();
  worker.start();
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const r = await app.inject({
      method,
      url,
      payload: body === undefined ? undefined : JSON.stringify(body),
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    });
    return r;
  };
  return { accountId, app, worker, call, rendered };
}

async function renderRate(database: Database, accountId: number, call: Awaited<ReturnType<typeof setup>>['call']) {
  const out: string[][] = [];
  for (const n of [1, 50]) {
    const created = await call('POST', '/v1/documents', {
      type: 'FT',
      finalize: true,
      customer: CUSTOMER,
      lines: lines(n),
    });
    const id = created.json().id as number;
    const model = buildPdfModel(await loadPdfSource(database.db, accountId, id));
    for (let i = 0; i < 10; i++) await renderDocumentPdf({ model });
    const count = n === 1 ? RENDERS : Math.max(20, Math.floor(RENDERS / 2));
    const times: number[] = [];
    let bytes!: Buffer;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const s = performance.now();
      bytes = await renderDocumentPdf({ model });
      times.push(performance.now() - s);
    }
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    const s0 = performance.now();
    for (let i = 0; i < 1000; i++) stampCopyMark(bytes, 'Duplicado');
    const stamp = (performance.now() - s0) / 1000;
    out.push([
      `${n} line${n > 1 ? 's' : ''}`,
      String(count),
      f(count / wall),
      f(pct(times, 50), 2),
      f(pct(times, 95), 2),
      f((cpu.user + cpu.system) / 1000 / count, 2),
      f(bytes.length / 1024),
      f(stamp, 3),
    ]);
  }
  return out;
}

async function finalizeToPdf({ call, rendered }: Awaited<ReturnType<typeof setup>>, concurrency: number) {
  const waits: number[] = [];
  let readyAtReturn = 0;
  let next = 0;
  const body = { type: 'FR', finalize: true, customer: CUSTOMER, lines: lines(3) };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= FINALIZES) return;
        const r = await call('POST', '/v1/documents', body);
        if (r.statusCode !== 201) throw new Error(`HTTP ${r.statusCode}: ${r.body}`);
        const returned = performance.now();
        const id = r.json().id as number;
        if (await rendered(id)) readyAtReturn++;
        waits.push(performance.now() - returned);
      }
    }),
  );
  waits.sort((a, b) => a - b);
  return [
    `${concurrency}`,
    String(waits.length),
    f(pct(waits, 50), 1),
    f(pct(waits, 95), 1),
    f(pct(waits, 99), 1),
    `${f((100 * readyAtReturn) / waits.length, 0)}%`,
  ];
}

async function downloads(call: Awaited<ReturnType<typeof setup>>['call']) {
  const created = await call('POST', '/v1/documents', {
    type: 'FT',
    finalize: true,
    customer: CUSTOMER,
    lines: lines(5),
  });
  const id = created.json().id as number;
  await call('GET', `/v1/documents/${id}/pdf`);
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const s = performance.now();
    const r = await call('GET', `/v1/documents/${id}/pdf`);
    if (r.statusCode !== 200) throw new Error(`HTTP ${r.statusCode}`);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return [f(pct(times, 50), 2), f(pct(times, 95), 2)];
}

function table(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i])).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}

async function onDatabase(label: string, database: Database) {
  await migrate(database);
  await syncReferenceData(database);
  const ctx = await setup(database);
  const { accountId, app, worker, call } = ctx;
  try {
    const rates = await renderRate(database, accountId, call);
    const ready = [await finalizeToPdf(ctx, 1), await finalizeToPdf(ctx, 4)];
    const dl = await downloads(call);
    console.log(`\nPDF on ${label}`);
    table(['document', 'renders', 'renders/s', 'p50 ms', 'p95 ms', 'CPU ms', 'KiB', 'stamp ms'], rates);
    table(['concurrency', 'finalized', 'PDF after p50 ms', 'p95 ms', 'p99 ms', 'ready at return'], ready);
    console.log(
      `download of a cached document (GET /v1/documents/:id/pdf, copy mark stamped): p50 ${dl[0]} ms, p95 ${dl[1]} ms`,
    );
  } finally {
    await worker.stop();
    await app.close();
  }
}

export async function benchPdf(): Promise<void> {
  console.log(
    `\nPDF bench: ${RENDERS} renders per size; ${FINALIZES} create-and-finalize calls per concurrency level, worker running; node ${process.version}`,
  );
  const lite = await openDatabase({});
  try {
    await onDatabase('PGlite', lite);
  } finally {
    await lite.close();
  }

  const admin = new pg.Client({ connectionString: PG_ADMIN });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`PostgreSQL not reachable at ${PG_ADMIN} (${(err as Error).message}); skipped.`);
    return;
  }
  const name = `faturador_benchpdf_${process.pid}`;
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 20 });
    try {
      await onDatabase('PostgreSQL', database);
    } finally {
      await database.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  console.log(
    'PDF after = from the finalize response to the rendered file in document_files (outbox job, worker woken by the response).',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchPdf();
