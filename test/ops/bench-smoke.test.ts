import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startClient } from '../../bench/client.js';
import { benchRawInsert, RAW_MODES, type RawMode } from '../../bench/raw-insert.js';
import { goalRow } from '../../bench/report.js';
import { freshDatabase, startServer, type BenchServer, type FreshDatabase } from '../../bench/server.js';
import { ISSUE_BODY, sustainedRun } from '../../bench/sustained.js';
import { testDbKind } from '../support/db.js';

// `npm run bench` measures; this only keeps its parts from rotting: a tiny run of each produces numbers.
let fresh: FreshDatabase;
let server: BenchServer;
before(async () => {
  fresh = (await freshDatabase(testDbKind, 'smoke'))!;
  server = await startServer(fresh);
});
after(async () => {
  await server?.close();
  await fresh?.drop();
});

test('a sustained run on the real server answers, drains and reads CPU, loop delay and the probe', async () => {
  const r = await sustainedRun(server, { total: 10, concurrency: 2 });
  assert.equal(r.answered.documents, 10);
  assert.ok(r.answered.perSecond > 0 && r.answered.p99ms >= r.answered.p50ms);
  assert.ok(r.drainedSeconds !== undefined && r.drainedSeconds >= r.answered.seconds * 0.99, 'drained after answers');
  assert.ok(r.nodeCpuMsPerDoc > 0);
  if (testDbKind === 'pglite') assert.equal(r.pgCpuMsPerDoc, undefined);
  else if (r.pgCpuMsPerDoc !== undefined) assert.ok(r.pgCpuMsPerDoc >= 0);
  assert.ok(r.loopP99ms >= 0 && r.loopMaxMs >= r.loopP99ms);
  assert.ok(r.probe.documents >= 1 && r.probe.p99ms > 0);
  const rows = await server.running.database.db.selectFrom('documents').select('status').execute();
  assert.ok(rows.length >= 10 && rows.every((d) => d.status === 'final'));
});

test('each raw baseline writes finalized documents', async () => {
  for (const mode of Object.keys(RAW_MODES) as RawMode[]) {
    const r = await benchRawInsert(server.running.database, {
      accountId: server.accountId,
      total: 16,
      concurrency: 2,
      mode,
    });
    assert.equal(r.documents, 16, mode);
    assert.ok(r.perSecond > 0, mode);
  }
});

test('the PDF client times a finalize answer to its PDF', async () => {
  const client = await startClient({
    mode: 'pdf',
    url: server.url,
    key: server.key,
    body: ISSUE_BODY,
    total: 2,
    concurrency: 1,
  });
  const r = await client.go();
  assert.equal(r.documents, 2);
  assert.ok(r.p95ms > 0);
});

test('a goal row says whether the figure meets it', () => {
  assert.equal(goalRow('x', 650, { atLeast: 600 }, 1).met, true);
  assert.equal(goalRow('x', 599, { atLeast: 600 }, 1).met, false);
  assert.equal(goalRow('x', 51, { atMost: 50, unit: 'ms' }, 1).met, false);
  assert.equal(goalRow('x', undefined, { atMost: 50 }, 1).met, false);
});
