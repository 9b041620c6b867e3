import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { createSeries } from '../../src/app/series/create-series.js';
import { ownerLivenessOf } from '../../src/infra/db/owner-liveness.js';
import { adminUrl, freshDatabase, testDbKind, type TestDatabase } from '../support/db.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { startTestApp, type TestApp } from '../support/app.js';

// Issue #12 item 8: an Idempotency-Key whose request died with its process is answered on the next retry (not 409
// until a lease runs out); a duplicate whose owner still lives gets 409.
let db: TestDatabase | undefined;
let servers: ServerProcess[] = [];
let app: TestApp | undefined;
const clients: pg.Client[] = [];
after(async () => {
  for (const c of clients) await c.end().catch(() => undefined);
  await Promise.all(servers.map((s) => s.stop()));
  await app?.close();
  await db?.drop();
});

const invoice = (seriesId?: number) => ({
  type: 'FT',
  finalize: true,
  ...(seriesId ? { seriesId } : {}),
  lines: [{ description: 'Uma vez', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
});

test('an in-flight key left by a dead owner is taken over at once; one whose owner lives answers 409', async () => {
  app = await startTestApp();
  const kdb = app.db.database.db;
  const claim = (key: string, owner: number) =>
    sql`INSERT INTO idempotency_keys (account_id, scope, key, request_hash, locked_until, owner)
    VALUES (${app!.account.accountId}, 'native', ${key}, 'x', now() + interval '1 hour', ${owner})`.execute(kdb);
  // This process's own claim: the request is still being processed here.
  await claim('mine', await ownerLivenessOf(kdb).id());
  const mine = await app.call('POST', '/v1/documents', invoice(), { headers: { 'idempotency-key': 'mine' } });
  assert.equal(mine.status, 409);
  assert.equal(mine.body.error.code, 'idempotency_in_flight');
  // A claim of an owner that is gone (a previous life of the process; on PostgreSQL, nobody holds its lock).
  await claim('dead', 777);
  const started = Date.now();
  const retried = await app.call('POST', '/v1/documents', invoice(), { headers: { 'idempotency-key': 'dead' } });
  assert.equal(retried.status, 201, JSON.stringify(retried.body));
  assert.ok(Date.now() - started < 2000);
  const again = await app.call('POST', '/v1/documents', invoice(), { headers: { 'idempotency-key': 'dead' } });
  assert.equal(again.status, 201);
  assert.equal(again.body.id, retried.body.id, 'the stored answer, not a second document');
  if (testDbKind === 'postgres') {
    // Another process alive (it holds the owner lock): 409 while it lives, the answer once it is gone.
    const other = new pg.Client({ connectionString: app.db.url ?? adminUrl });
    clients.push(other);
    await other.connect();
    await other.query('SELECT pg_advisory_lock($1, $2)', [0x46544f57, 888]);
    await claim('other', 888);
    const busy = await app.call('POST', '/v1/documents', invoice(), { headers: { 'idempotency-key': 'other' } });
    assert.equal(busy.status, 409);
    await other.end();
    const free = await app.call('POST', '/v1/documents', invoice(), { headers: { 'idempotency-key': 'other' } });
    assert.equal(free.status, 201, JSON.stringify(free.body));
  }
});

test(
  'a server killed (SIGKILL) mid-request: the retry on another process gets its document in < 2 s, not 409',
  {
    skip:
      testDbKind !== 'postgres' &&
      'needs PostgreSQL (FATURADOR_TEST_DB=postgres): several processes cannot share one PGlite',
    timeout: 120_000,
  },
  async () => {
    db = await freshDatabase('postgres');
    const apiKey = 'ftr_test_idem_crash_key_0123456789abcdef0123456789ab';
    const acc = await db.database.db.transaction().execute((tx) =>
      createAccount(tx, new Date(), {
        legalName: 'Queda, Lda',
        taxId: '503340855',
        owner: { email: 'q@example.com' },
        apiKey,
      }),
    );
    const series = await db.database.db.transaction().execute((tx) => createSeries(tx, acc.accountId, { code: 'IK' }));
    servers = await Promise.all([0, 1].map(() => startServerProcess({ DATABASE_URL: db!.url!, WORKER: '0' })));
    const [a, b] = servers;
    const post = (s: ServerProcess, key: string) =>
      fetch(`${s.url}/v1/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(invoice(series.id)),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { id: number; error?: { code: string } } }));
    const first = await post(a, 'warm-up');
    assert.equal(first.status, 201);

    // Hold the series counter so the request stops mid-way: claimed, its transaction waiting for the lock.
    const holder = new pg.Client({ connectionString: db.url });
    clients.push(holder);
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT * FROM series_doc_types WHERE series_id = $1 FOR UPDATE', [series.id]);
    const lost = post(a, 'crash-1').catch(() => 'connection lost');
    for (let i = 0; ; i++) {
      const r = await holder.query("SELECT 1 FROM idempotency_keys WHERE key = 'crash-1'");
      if (r.rowCount) break;
      assert.ok(i < 200, 'the request claimed its key');
      await new Promise((r) => setTimeout(r, 25));
    }
    const duplicate = await post(b, 'crash-1');
    assert.equal(duplicate.status, 409, 'a duplicate while the owner lives');
    assert.equal(duplicate.body.error?.code, 'idempotency_in_flight');

    await a.kill('SIGKILL');
    assert.equal(await lost, 'connection lost');
    await holder.query('ROLLBACK');
    const started = Date.now();
    const retry = await post(b, 'crash-1');
    const elapsed = Date.now() - started;
    console.log(`# retry after the owner's crash: ${retry.status} in ${elapsed} ms`);
    assert.equal(retry.status, 201, JSON.stringify(retry.body));
    assert.ok(elapsed < 2000, `${elapsed} ms`);
    const replay = await post(b, 'crash-1');
    assert.equal(replay.body.id, retry.body.id);
    const docs = await db.database.db
      .selectFrom('documents')
      .select('id')
      .where('account_id', '=', acc.accountId)
      .execute();
    assert.equal(docs.length, 2, 'the warm-up and the retried document: nothing of the killed request');
  },
);
