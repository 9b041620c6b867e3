import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { sql } from 'kysely';
import { counterLock } from '../../src/app/documents/number-documents.js';
import { regimeOf } from '../../src/domain/regime/registry.js';
import { assembleApp } from '../../src/server/create-app.js';
import { openDatabase, type Database } from '../../src/infra/db/database.js';
import { startTestApp, testConfigWith, type TestApp } from '../support/app.js';
import { testDbKind } from '../support/db.js';

// The first document of a new (series, type) creates its counter row (`counterLock`). Two processes doing it at the
// same instant on one PostgreSQL must both number (1 and 2), not fail on the counter's second unique key
// (series_doc_types_code_key, migration 0022). On PGlite (one process) the requests are serialized: it must pass too.
const ROUNDS = 20;

let t: TestApp;
let otherDb: Database | undefined;
let other: FastifyInstance | undefined;
const clients: pg.Client[] = [];
before(async () => {
  t = await startTestApp();
  if (t.db.url) {
    // A second "process": its own pool and its own app (its own caches, its own group commit).
    otherDb = await openDatabase({ databaseUrl: t.db.url, poolSize: 4 });
    other = (await assembleApp(testConfigWith(), otherDb)).app;
    await other.ready();
  }
});
after(async () => {
  for (const c of clients) await c.end().catch(() => undefined);
  await other?.close();
  await otherDb?.close();
  await t?.close();
});

type Side = (method: string, url: string, body?: unknown) => Promise<{ status: number; body: any }>;
const sideOf =
  (app: FastifyInstance): Side =>
  async (method, url, body) => {
    const res = await app.inject({
      method: method as 'POST',
      url,
      payload: body === undefined ? undefined : JSON.stringify(body),
      headers: {
        authorization: `Bearer ${t.account.apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
  };

const invoice = (seriesId: number, finalize: boolean) => ({
  type: 'FT',
  seriesId,
  finalize,
  customer: { name: 'Cliente Primeiro', taxId: '123456789' },
  lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
});

async function numbersOf(seriesId: number) {
  const docs = await t.db.database.db
    .selectFrom('documents')
    .select('number')
    .where('account_id', '=', t.account.accountId)
    .where('series_id', '=', seriesId)
    .where('status', '=', 'final')
    .execute();
  const counter = await t.db.database.db
    .selectFrom('series_doc_types')
    .select('last_number')
    .where('series_id', '=', seriesId)
    .where('doc_type', '=', 'FT')
    .executeTakeFirstOrThrow();
  return { numbers: docs.map((d) => d.number).sort(), last: counter.last_number };
}

/**
 * PostgreSQL: runs `start` (statements that will each create the same counter) while a holder keeps the counters'
 * table locked, and releases it once `n` of them wait: they go on from the same instant, as a burst of first
 * documents does. The collision window is microseconds wide, so this only makes a hit likely, not certain.
 */
async function atOnce<T>(n: number, start: () => Promise<T>): Promise<T> {
  if (testDbKind !== 'postgres') return start();
  const holder = await (holderClient ??= connect());
  await holder.query('BEGIN');
  await holder.query('LOCK TABLE series_doc_types IN SHARE MODE');
  const running = start();
  for (let i = 0; ; i++) {
    const w = await holder.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (w.rows[0].n >= n) break;
    assert.ok(i < 1000, `${n} statements wait for the counters' table`);
    await new Promise((r) => setTimeout(r, 2));
  }
  await holder.query('COMMIT');
  return running;
}

async function connect(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: t.db.url });
  clients.push(c);
  await c.connect();
  return c;
}
let holderClient: Promise<pg.Client> | undefined;

test(`${ROUNDS} new series, each's first two documents issued at once (by two processes on PostgreSQL): numbered 1 and 2`, async () => {
  const sides = [sideOf(t.app), sideOf(other ?? t.app)];
  assert.equal(!!other, testDbKind === 'postgres', 'two processes on PostgreSQL');
  const failures: string[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const series = await sides[0]('POST', '/v1/series', { code: `PRIM${i}` });
    assert.equal(series.status, 201, JSON.stringify(series.body));
    // Half the rounds create and finalize in one request (group commit, issueDocuments); half finalize drafts
    // (finalizeDocument): the two callers of counterLock.
    const byDraft = i % 2 === 1;
    let results: { status: number; body: any }[];
    if (byDraft) {
      const drafts = await Promise.all(sides.map((s) => s('POST', '/v1/documents', invoice(series.body.id, false))));
      assert.deepEqual(
        drafts.map((d) => d.status),
        [201, 201],
      );
      results = await atOnce(2, () =>
        Promise.all(sides.map((s, k) => s('POST', `/v1/documents/${drafts[k].body.id}/finalize`))),
      );
    } else
      results = await atOnce(2, () =>
        Promise.all(sides.map((s) => s('POST', '/v1/documents', invoice(series.body.id, true)))),
      );
    for (const r of results)
      if (r.status !== (byDraft ? 200 : 201)) failures.push(`round ${i}: ${r.status} ${JSON.stringify(r.body)}`);
    const { numbers, last } = await numbersOf(series.body.id);
    if (failures.length === 0) {
      assert.deepEqual(numbers, [1, 2], `round ${i}: numbers 1 and 2 once each`);
      assert.equal(last, 2, `round ${i}: the counter`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${2 * ROUNDS} requests failed`);
});

const BURSTS = 300;
const CONTENDERS = 4;
test(
  `counterLock: ${CONTENDERS} connections creating the same new counter at once, ${BURSTS} times: each locks it, none fails`,
  {
    skip:
      testDbKind !== 'postgres' &&
      'needs PostgreSQL (FATURADOR_TEST_DB=postgres): one PGlite runs one statement at a time',
  },
  async () => {
    const db = t.db.database.db;
    const accountId = t.account.accountId;
    const series = (
      await sql<{ id: number }>`INSERT INTO series (account_id, code)
        SELECT ${accountId}, 'RAJ' || i FROM generate_series(1, ${BURSTS}) AS i RETURNING id`.execute(db)
    ).rows.map((r) => Number(r.id));
    const contenders = await Promise.all(Array.from({ length: CONTENDERS }, connect));
    const regime = regimeOf({ country: 'PT' });
    const failures: string[] = [];
    for (const id of series) {
      const q = counterLock(regime, accountId, [{ series_id: id, doc_type: 'FR' }]).compile(db);
      const seen = await atOnce(CONTENDERS, () =>
        Promise.all(
          contenders.map(async (c) => {
            await c.query('BEGIN');
            try {
              const r = await c.query<{ last_number: number }>(q.sql, q.parameters as unknown[]);
              await c.query('COMMIT');
              return r.rows.map((x) => x.last_number);
            } catch (e) {
              await c.query('ROLLBACK');
              failures.push(`series ${id}: ${(e as { code?: string }).code} ${(e as Error).message}`);
              return [];
            }
          }),
        ),
      );
      // Each got the one counter row, at 0 (the locked row, not a second one).
      if (failures.length === 0) assert.deepEqual(seen, Array(CONTENDERS).fill([0]), `series ${id}`);
    }
    assert.deepEqual(failures, [], `${failures.length} of ${CONTENDERS * BURSTS} failed`);
  },
);
