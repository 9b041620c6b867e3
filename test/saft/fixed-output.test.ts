import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { exportSaft } from '../../src/exports/saft/export-saft.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { bulkTemplate, cloneDocuments } from './bulk-documents.js';
import { create } from './saft-helpers.js';

/**
 * The export's bytes for a fixed dataset do not change: the CPU work on the export (its serializer, its reads, its
 * batching) must leave the file byte for byte as it was. 600 bulk invoices over 7 codes and 5 customers, exported in
 * pages of 40 and of 1,000. Two values differ between runs, and are replaced by placeholders before hashing: the
 * template's signature (a key of its own per account), copied into every clone, and the owner's e-mail in the Header
 * (made unique by the test app).
 */
const EXPECTED_SHA256 = '552ab9ec07c7b81a346d76e51a4744a7f5432a68b4848671c75754eddd11337b';
const EXPECTED_BYTES = 1_034_469;

let t: TestApp;
const files: Record<string, string> = {};

async function exportMonth(batchSize: number, failAfterBytes = Infinity): Promise<string> {
  const chunks: Buffer[] = [];
  let written = 0;
  const out = new Writable({
    write(chunk, _enc, cb) {
      written += chunk.length;
      if (written > failAfterBytes) return cb(new Error('disk full'));
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  await t.db.database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((tx) =>
      exportSaft(tx, t.account.accountId, out, {
        period: { from: '2026-03-01', to: '2026-03-31' },
        now: new Date('2026-04-02T08:30:00Z'),
        batchSize,
        software: { productId: 'Faturador/Faturador', version: 'fixed-output' },
      }),
    );
  return Buffer.concat(chunks).toString('utf8');
}

before(async () => {
  t = await startTestApp();
  const template = await bulkTemplate((url, body) => create(t, url, body));
  await cloneDocuments(t.db.database.db, t.account.accountId, template.id, {
    month: '2026-03',
    count: 600,
    firstNumber: 2,
    codes: 7,
    customers: 5,
  });
  files.small = await exportMonth(40);
  files.large = await exportMonth(1000);
});
after(async () => {
  await t?.close();
});

describe('SAF-T output of a fixed dataset', () => {
  test('does not depend on the page size', () => {
    assert.equal(files.small, files.large);
  });

  test('is byte for byte the expected file', () => {
    const hashes = [...files.small.matchAll(/<Hash>([^<]*)<\/Hash>/g)].map((m) => m[1]);
    assert.equal(hashes.length, 600);
    assert.equal(new Set(hashes).size, 1, 'every clone carries the template signature');
    const normalized = files.small
      .replaceAll(`<Hash>${hashes[0]}</Hash>`, '<Hash>SIGNATURE</Hash>')
      .replace(/<Email>owner\d+-\d+@example\.com<\/Email>/, '<Email>OWNER</Email>');
    assert.equal(Buffer.byteLength(normalized), EXPECTED_BYTES);
    assert.equal(createHash('sha256').update(normalized).digest('hex'), EXPECTED_SHA256);
  });

  test('an output that fails half-way fails the export, and leaves the database ready for the next one', async () => {
    // Past the master files, inside SalesInvoices: a page is being written while the next one is read.
    const half = Buffer.byteLength(files.small) / 2;
    await assert.rejects(exportMonth(40, half));
    assert.equal(await exportMonth(40), files.small);
  });
});
