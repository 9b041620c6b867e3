import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { createDocument } from '../../src/app/documents/create-document.js';
import { createSeries } from '../../src/app/series/create-series.js';
import { loadChain } from '../../src/app/documents/load-chain.js';
import { verifyChain } from '../../src/domain/pt/chain.js';
import type { DB } from '../../src/infra/db/schema.js';
import { freshDatabase, testDbKind, type TestDatabase } from '../support/db.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { startTestApp, type TestApp } from '../support/app.js';

// Issue #12 items 2 and 3: the system entry time follows the numbers of each series (taken under the counter lock),
// and several processes issuing into the same series and types meet no deadlock that reaches the client.
const TYPES = ['FT', 'FS', 'FR'] as const;
let db: TestDatabase | undefined;
let servers: ServerProcess[] = [];
let inProcess: TestApp | undefined;
after(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await inProcess?.close();
  await db?.drop();
});

/** Documents numbered after one with a later system entry time, in the same series and type. */
async function inversions(kdb: Kysely<DB>, accountId: number): Promise<number> {
  const r = await sql<{ n: string }>`
    SELECT count(*) AS n FROM (
      SELECT system_entry_date < lag(system_entry_date) OVER (PARTITION BY series_id, doc_type ORDER BY number) AS inv
      FROM documents WHERE account_id = ${accountId} AND number IS NOT NULL) x
    WHERE inv`.execute(kdb);
  return Number(r.rows[0].n);
}

async function numbersContinuous(kdb: Kysely<DB>, accountId: number) {
  const rows = await kdb
    .selectFrom('documents')
    .select(['series_id', 'doc_type', 'number'])
    .where('account_id', '=', accountId)
    .where('number', 'is not', null)
    .execute();
  const by = new Map<string, number[]>();
  for (const r of rows)
    by.set(`${r.series_id}|${r.doc_type}`, [...(by.get(`${r.series_id}|${r.doc_type}`) ?? []), r.number!]);
  for (const [k, ns] of by)
    assert.deepEqual(
      ns.sort((a, b) => a - b),
      ns.map((_, i) => i + 1),
      `numbers of ${k} are 1..n`,
    );
  return rows.length;
}

const line = (i: number) => ({
  description: `Linha ${i}`,
  quantity: '1',
  unitPrice: String(1 + (i % 50)),
  taxName: 'IVA23',
});

test(
  'two processes, 3 series × 3 types, create-and-finalize and finalize mixed: no 5xx, entry times follow the numbers',
  {
    skip:
      testDbKind !== 'postgres' &&
      'needs PostgreSQL (FATURADOR_TEST_DB=postgres): several processes cannot share one PGlite',
    timeout: 240_000,
  },
  async () => {
    db = await freshDatabase('postgres');
    const key = 'ftr_test_entry_order_key_0123456789abcdef0123456789';
    const acc = await db.database.db.transaction().execute((tx) =>
      createAccount(tx, new Date(), {
        legalName: 'Ordem, Lda',
        taxId: '503340855',
        owner: { email: 'o@example.com' },
        apiKey: key,
      }),
    );
    const series = await db.database.db
      .transaction()
      .execute(async (tx) => [
        await createSeries(tx, acc.accountId, { code: 'OA' }),
        await createSeries(tx, acc.accountId, { code: 'OB' }),
        await createSeries(tx, acc.accountId, { code: 'OC' }),
      ]);
    const pairs = series.flatMap((s) => TYPES.map((type) => ({ seriesId: s.id, type })));
    // Drafts to finalize (the one-by-one path), 10 per (series, type).
    const drafts: number[] = [];
    await db.database.db.transaction().execute(async (tx) => {
      for (let i = 0; i < pairs.length * 10; i++) {
        const p = pairs[i % pairs.length];
        drafts.push(
          await createDocument(
            tx,
            { accountId: acc.accountId, userId: null, now: new Date() },
            { type: p.type, seriesId: p.seriesId, lines: [line(i)] },
          ),
        );
      }
    });
    servers = await Promise.all(
      [0, 1].map(() =>
        startServerProcess({
          DATABASE_URL: db!.url!,
          WORKER: '0',
          RATE_LIMIT_PER_MINUTE: '1000000',
          DB_POOL_SIZE: '8',
        }),
      ),
    );
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    // Each request: a create-and-finalize (issued in batches), or the finalize of a draft; interleaved, 32 at a time.
    const jobs: (() => Promise<number>)[] = [];
    for (let i = 0; i < 540; i++) {
      const server = servers[i % 2];
      if (i % 3 === 2 && drafts.length) {
        const id = drafts.pop()!;
        jobs.push(() =>
          fetch(`${server.url}/v1/documents/${id}/finalize`, {
            method: 'POST',
            headers: { authorization: headers.authorization },
          }).then((r) => r.status),
        );
      } else {
        const p = pairs[(i * 7) % pairs.length];
        const body = JSON.stringify({ type: p.type, seriesId: p.seriesId, finalize: true, lines: [line(i)] });
        jobs.push(() => fetch(`${server.url}/v1/documents`, { method: 'POST', headers, body }).then((r) => r.status));
      }
    }
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < jobs.length) statuses.push(await jobs[next++]());
      }),
    );
    const failed = statuses.filter((s) => s >= 500).length;
    const inverted = await inversions(db.database.db, acc.accountId);
    console.log(`# entry-time order: ${statuses.length} requests, ${failed} 5xx, ${inverted} entry-time inversions`);
    assert.equal(
      failed,
      0,
      `5xx: ${failed}\n${servers
        .map((s) => s.output())
        .join('\n')
        .slice(-3000)}`,
    );
    assert.ok(
      statuses.every((s) => s === 200 || s === 201),
      `statuses: ${[...new Set(statuses)].join(',')}`,
    );
    assert.equal(inverted, 0, 'no document has an earlier entry time than the one numbered before it');
    assert.equal(await numbersContinuous(db.database.db, acc.accountId), 540);
    const { docs, publicKeys } = await loadChain(db.database.db, acc.accountId, {});
    const report = verifyChain(docs, publicKeys[0].public_pem);
    assert.deepEqual(report.failures.slice(0, 3), []);
    assert.equal(report.checked, 540);
  },
);

test(
  'one process: a burst into one series gives non-decreasing entry times, and verify-chain reports an inversion',
  { timeout: 120_000 },
  async () => {
    inProcess = await startTestApp();
    const s = await inProcess.call('POST', '/v1/series', { code: 'BURST' });
    const drafts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        inProcess!.call('POST', '/v1/documents', { type: 'FT', seriesId: s.body.id, lines: [line(i)] }),
      ),
    );
    const results = await Promise.all([
      ...Array.from({ length: 60 }, (_, i) =>
        inProcess!.call('POST', '/v1/documents', { type: 'FT', seriesId: s.body.id, finalize: true, lines: [line(i)] }),
      ),
      ...drafts.map((d) => inProcess!.call('POST', `/v1/documents/${d.body.id}/finalize`)),
    ]);
    assert.ok(
      results.every((r) => r.status < 300),
      JSON.stringify(results.find((r) => r.status >= 300)?.body),
    );
    const kdb = inProcess.db.database.db;
    assert.equal(await inversions(kdb, inProcess.account.accountId), 0);
    const { docs, publicKeys } = await loadChain(kdb, inProcess.account.accountId, { seriesCode: 'BURST' });
    assert.equal(verifyChain(docs, publicKeys[0].public_pem).ok, true);
    // The same documents with two entry times swapped: the chain check reports the inversion (and the signatures).
    const sorted = [...docs].sort((a, b) => Number(a.docId.split('/')[1]) - Number(b.docId.split('/')[1]));
    const tampered = sorted.map((d, i) => (i === 40 ? { ...d, systemEntryDate: '2000-01-01T00:00:00' } : d));
    const report = verifyChain(tampered, publicKeys[0].public_pem);
    assert.deepEqual(
      report.failures.filter((f) => f.reason === 'entry_time_inversion'),
      [{ docId: sorted[40].docId, reason: 'entry_time_inversion' }],
    );
  },
);
