import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { findSaftFileByToken } from '../../src/app/saft/find-saft-file-by-token.js';
import { requestSaftFile } from '../../src/app/saft/request-saft-file.js';
import { getSaftFileStatus } from '../../src/app/saft/get-saft-file-status.js';
import { saftFileChunks } from '../../src/app/saft/saft-file-chunks.js';
import { SAFT_CHUNK_BYTES, SaftFileSink } from '../../src/app/saft/saft-file-sink.js';
import { exportSaft } from '../../src/exports/saft/export-saft.js';
import { saftFileJob } from '../../src/exports/saft/saft-file-job.js';
import { saftSoftware } from '../../src/exports/saft/software.js';
import type { Job } from '../../src/infra/jobs/worker.js';
import { startTestApp, testConfig, type TestApp } from '../support/app.js';
import { bulkTemplate, cloneDocuments } from './bulk-documents.js';
import { create } from './saft-helpers.js';

/**
 * A stored SAF-T file (the 'saft.file' job, migration 0039) is written in 1 MiB chunks as the export produces them
 * and downloaded a chunk at a time, byte for byte the file a direct export makes. 2,000 documents make ~3.8 MB.
 */
const PERIOD = { from: '2026-03-01', to: '2026-03-31' };
const NOW = new Date('2026-04-02T10:00:00Z');
const software = saftSoftware(testConfig.software);
let t: TestApp;
let templateId = 0;
let nextNumber = 2;
let fileId = 0;

const db = () => t.db.database.db;
const runJob = () =>
  saftFileJob(
    db(),
    software,
    () => NOW,
  )({
    id: 0,
    account_id: t.account.accountId,
    kind: 'saft.file',
    payload: { fileId },
    attempts: 0,
    max_attempts: 1,
  } as Job);

async function clone(count: number) {
  await cloneDocuments(db(), t.account.accountId, templateId, {
    month: '2026-03',
    count,
    firstNumber: nextNumber,
    codes: 50,
  });
  nextNumber += count;
}

/** The period exported directly (as GET /v1/saft does), at the job's instant, whole. */
async function directExport(): Promise<Buffer> {
  const parts: Buffer[] = [];
  const out = new Writable({
    write(chunk, _enc, cb) {
      parts.push(Buffer.from(chunk));
      cb();
    },
  });
  await db()
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((tx) => exportSaft(tx, t.account.accountId, out, { period: PERIOD, now: NOW, software }));
  return Buffer.concat(parts);
}

const chunkRows = () =>
  db()
    .selectFrom('saft_file_chunks')
    .select(['generation', 'seq', (eb) => eb.fn<number>('octet_length', ['bytes']).as('n')])
    .where('account_id', '=', t.account.accountId)
    .where('file_id', '=', fileId)
    .orderBy('generation')
    .orderBy('seq')
    .execute();

const token = async () =>
  (await db().selectFrom('saft_files').select('download_token').where('id', '=', fileId).executeTakeFirstOrThrow())
    .download_token;

before(async () => {
  t = await startTestApp();
  templateId = (await bulkTemplate((url, body) => create(t, url, body))).id;
  await clone(2000);
  fileId = await db()
    .transaction()
    .execute((tx) => requestSaftFile(tx, t.account.accountId, PERIOD));
});
after(async () => {
  await t?.close();
});

describe('stored SAF-T file', () => {
  test('is stored in 1 MiB chunks and downloaded byte-identical to a direct export', async () => {
    await runJob();
    const expected = await directExport();
    assert.ok(expected.length > 3 * SAFT_CHUNK_BYTES, `${expected.length} bytes`);
    const chunks = await chunkRows();
    assert.equal(chunks.length, Math.ceil(expected.length / SAFT_CHUNK_BYTES));
    assert.deepEqual(
      chunks.map((c) => [c.generation, c.seq, Number(c.n)]),
      chunks.map((_, i) => [1, i, i < chunks.length - 1 ? SAFT_CHUNK_BYTES : expected.length - i * SAFT_CHUNK_BYTES]),
    );

    const link = await t.app.inject({ method: 'GET', url: `/download/saft/${fileId}/${await token()}` });
    assert.equal(link.statusCode, 200);
    assert.equal(link.headers['content-length'], String(expected.length));
    assert.match(String(link.headers['content-disposition']), /SAFT-PT_503340855_/);
    assert.ok(link.rawPayload.equals(expected), 'the public link serves the exported bytes');

    const status = await getSaftFileStatus(db(), t.account.accountId, fileId);
    assert.deepEqual([status.state, status.size], ['ready', expected.length]);
  });

  test('chunks are stored while the export runs, not after it', async () => {
    const seen: number[] = [];
    await db()
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (tx) => {
        const sink = new SaftFileSink(tx, { accountId: t.account.accountId, fileId, generation: 99 });
        await exportSaft(tx, t.account.accountId, sink, {
          period: PERIOD,
          now: NOW,
          software,
          onBatch: () => seen.push(sink.chunks),
        });
        await sink.finish();
        // Rolled back: this generation never becomes the file's.
        throw new Error('rollback');
      })
      .catch((err: Error) => assert.equal(err.message, 'rollback'));
    assert.ok(seen.length > 10, `${seen.length} batches`);
    // Half-way through the documents, chunks are already in the database.
    assert.ok(seen[Math.floor(seen.length / 2)] >= 1, `chunks stored at each batch: ${seen.join(',')}`);
    assert.ok(!(await chunkRows()).some((c) => c.generation === 99), 'nothing of a rolled-back generation is left');
  });

  test('a regenerated file replaces its chunks; a download of the old one in progress fails, never mixes them', async () => {
    const stored = await findSaftFileByToken(db(), fileId, await token());
    const reading = saftFileChunks(db(), stored);
    const first = await reading.next();
    assert.equal(first.value?.length, SAFT_CHUNK_BYTES);

    await clone(300);
    await db()
      .transaction()
      .execute((tx) => requestSaftFile(tx, t.account.accountId, PERIOD));
    await runJob();
    await assert.rejects(reading.next(), /replaced while it was read/);

    const expected = await directExport();
    const chunks = await chunkRows();
    assert.deepEqual([...new Set(chunks.map((c) => c.generation))], [2], 'only the new generation is kept');
    const link = await t.app.inject({ method: 'GET', url: `/download/saft/${fileId}/${await token()}` });
    assert.equal(link.statusCode, 200);
    assert.ok(link.rawPayload.equals(expected), 'the same link serves the new file');
  });
});
