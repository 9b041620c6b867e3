import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { createDocument } from '../../src/app/documents/create-document.js';
import { createSeries } from '../../src/app/series/create-series.js';
import { loadChain } from '../../src/app/documents/load-chain.js';
import { verifyChain } from '../../src/domain/pt/chain.js';
import { freshDatabase, testDbKind, type TestDatabase } from '../support/db.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { startTestApp, type TestApp } from '../support/app.js';

const N = 200;
let db: TestDatabase | undefined;
let servers: ServerProcess[] = [];
let inProcess: TestApp | undefined;
after(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await inProcess?.close();
  await db?.drop();
});

async function draftsIn(database: TestDatabase['database'], accountId: number, seriesId: number): Promise<number[]> {
  const ids: number[] = [];
  await database.db.transaction().execute(async (tx) => {
    for (let i = 0; i < N; i++) {
      ids.push(
        await createDocument(
          tx,
          { accountId, userId: null, now: new Date() },
          {
            type: 'FT',
            seriesId,
            date: '2026-06-15',
            lines: [{ description: `Linha ${i}`, quantity: '1', unitPrice: String(1 + i), taxName: 'IVA23' }],
          },
        ),
      );
    }
  });
  return ids;
}

async function checkNumbersAndChain(database: TestDatabase['database'], accountId: number) {
  const rows = await database.db
    .selectFrom('documents')
    .select(['number', 'status'])
    .where('account_id', '=', accountId)
    .where('doc_type', '=', 'FT')
    .execute();
  assert.equal(rows.length, N);
  assert.ok(rows.every((r) => r.status === 'final'));
  assert.deepEqual(
    rows.map((r) => r.number!).sort((a, b) => a - b),
    Array.from({ length: N }, (_, i) => i + 1),
    'numbers are 1..N with no gap or repeat',
  );
  const { docs, publicKeys } = await loadChain(database.db, accountId, { seriesCode: 'CONC' });
  const report = verifyChain(docs, publicKeys[0].public_pem);
  assert.equal(report.failures.length, 0, JSON.stringify(report.failures.slice(0, 3)));
  assert.equal(report.checked, N);
}

test(
  `${N} concurrent finalizations from two server processes on one PostgreSQL leave 1..${N} and a valid chain`,
  {
    skip:
      testDbKind !== 'postgres' &&
      'needs PostgreSQL (FATURADOR_TEST_DB=postgres): several processes cannot share one PGlite',
  },
  async () => {
    db = await freshDatabase('postgres');
    const key = 'ftr_test_concurrency_key_0123456789abcdef0123456789';
    const acc = await db.database.db.transaction().execute((tx) =>
      createAccount(tx, new Date(), {
        legalName: 'Concorrência, Lda',
        taxId: '503340855',
        owner: { email: 'c@example.com' },
        apiKey: key,
      }),
    );
    const series = await db.database.db
      .transaction()
      .execute((tx) => createSeries(tx, acc.accountId, { code: 'CONC' }));
    const ids = await draftsIn(db.database, acc.accountId, series.id);
    servers = await Promise.all(
      [0, 1].map(() =>
        startServerProcess({
          DATABASE_URL: db!.url!,
          WORKER: '0',
          RATE_LIMIT_PER_MINUTE: '100000',
          DB_POOL_SIZE: '10',
        }),
      ),
    );
    const results = await Promise.all(
      ids.map(async (id, i) => {
        const r = await fetch(`${servers[i % 2].url}/v1/documents/${id}/finalize`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}` },
        });
        return { status: r.status, body: (await r.json()) as { number: string } };
      }),
    );
    assert.deepEqual(
      [...new Set(results.map((r) => r.status))],
      [200],
      JSON.stringify(results.find((r) => r.status !== 200)),
    );
    assert.equal(new Set(results.map((r) => r.body.number)).size, N);
    await checkNumbersAndChain(db.database, acc.accountId);
  },
);

test(`${N} concurrent finalizations in one process leave 1..${N} and a valid chain`, async () => {
  inProcess = await startTestApp();
  const series = await inProcess.call('POST', '/v1/series', { code: 'CONC' });
  const ids = await draftsIn(inProcess.db.database, inProcess.account.accountId, series.body.id);
  const results = await Promise.all(ids.map((id) => inProcess!.call('POST', `/v1/documents/${id}/finalize`)));
  assert.ok(
    results.every((r) => r.status === 200),
    JSON.stringify(results.find((r) => r.status !== 200)?.body),
  );
  await checkNumbersAndChain(inProcess.db.database, inProcess.account.accountId);
});
