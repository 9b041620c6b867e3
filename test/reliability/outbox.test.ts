import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { JobWorker, type Job } from '../../src/infra/jobs/worker.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';

// The outbox worker: a batch claimed in one statement and its done jobs recorded in one; failures recorded one by
// one; a crashed batch's unrecorded jobs taken over after their lease; done jobs purged after their retention.
let t: TestDatabase;
before(async () => {
  t = await freshDatabase();
});
after(async () => {
  await t?.drop();
});

const db = () => t.database.db;

async function enqueue(kind: string, n: number): Promise<number[]> {
  const rows = await db()
    .insertInto('jobs')
    .values(Array.from({ length: n }, (_, i) => ({ account_id: 1, kind, payload: JSON.stringify({ i }) })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

const jobsOf = (kind: string) =>
  db()
    .selectFrom('jobs')
    .select(['id', 'state', 'attempts', 'last_error', sql<string>`updated_at::text`.as('updated')])
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();

test("a batch's done jobs are recorded in one statement; a failure on its own, for a retry", async () => {
  const ids = await enqueue('batch.ok', 6);
  const failing = ids[2]!;
  const ran: number[] = [];
  const worker = new JobWorker(db(), { batchSize: 10, backoffBaseMs: 60_000 }).register('batch.ok', async (job) => {
    ran.push(job.id);
    if (job.id === failing) throw new Error('boom');
  });
  assert.equal(await worker.drain(), 6);
  assert.deepEqual(ran, ids, 'each job ran once, in order');
  const rows = await jobsOf('batch.ok');
  const done = rows.filter((r) => r.state === 'done');
  assert.equal(done.length, 5);
  // now() is the statement's transaction time: one UPDATE for the whole batch gives them all the same one.
  assert.equal(new Set(done.map((r) => r.updated)).size, 1, 'the done jobs were recorded by one statement');
  const retry = rows.find((r) => r.id === failing)!;
  assert.equal(retry.state, 'pending');
  assert.equal(retry.attempts, 1);
  assert.equal(retry.last_error, 'boom');
  assert.equal(await worker.drain(), 0, 'the failed job waits for its backoff');
});

test('a batch stuck mid-way: another worker takes over its unrecorded jobs after the lease, not the recorded ones', async () => {
  const ids = await enqueue('batch.crash', 4);
  const runs = new Map<number, number>();
  const count = (job: Job) => runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
  let unblock!: () => void;
  const stuck = new Promise<void>((r) => (unblock = r));
  let reachedStuck!: () => void;
  const atStuck = new Promise<void>((r) => (reachedStuck = r));
  const a = new JobWorker(db(), { batchSize: 2, leaseSeconds: 1 }).register('batch.crash', async (job) => {
    count(job);
    if (job.id === ids[2]) {
      reachedStuck();
      await stuck; // the process hangs (or dies) in the middle of its second batch
    }
  });
  const aDrain = a.drain();
  await atStuck;
  assert.deepEqual(
    (await jobsOf('batch.crash')).map((r) => r.state),
    ['done', 'done', 'running', 'running'],
  );
  const b = new JobWorker(db(), { batchSize: 10 }).register('batch.crash', async (job) => {
    count(job);
  });
  assert.equal(await b.drain(), 0, 'the lease still holds');
  await new Promise((r) => setTimeout(r, 1100));
  assert.equal(await b.drain(), 2, 'the lease expired: the two unrecorded jobs run again');
  assert.deepEqual(
    ids.map((id) => runs.get(id)),
    [1, 1, 2, 1],
  );
  assert.deepEqual(
    (await jobsOf('batch.crash')).map((r) => r.state),
    ['done', 'done', 'done', 'done'],
  );
  unblock();
  await aDrain;
});

test('housekeeping deletes done jobs older than the retention; dead, pending and recent done jobs stay', async () => {
  const [oldDone, recentDone, oldDead, oldPending] = await enqueue('purge.me', 4);
  const set = (id: number, state: 'done' | 'dead' | 'pending', ageSeconds: number) =>
    db()
      .updateTable('jobs')
      .set({
        state,
        updated_at: sql`now() - make_interval(secs => ${ageSeconds})`,
        run_at: sql`now() + interval '1 day'`,
      })
      .where('id', '=', id)
      .execute();
  await set(oldDone!, 'done', 7200);
  await set(recentDone!, 'done', 10);
  await set(oldDead!, 'dead', 7200);
  await set(oldPending!, 'pending', 7200);
  const tasks: string[] = [];
  const worker = new JobWorker(db(), { keepDoneSeconds: 600 }).addHousekeeping(async () => {
    tasks.push('ran');
  });
  await worker.housekeep();
  assert.deepEqual(
    (await jobsOf('purge.me')).map((r) => [r.id, r.state]),
    [
      [recentDone, 'done'],
      [oldDead, 'dead'],
      [oldPending, 'pending'],
    ],
  );
  assert.deepEqual(tasks, ['ran'], 'the registered tasks run with the purge');
});

test('the started worker does its housekeeping between batches, every housekeepingMs', async () => {
  const [id] = await enqueue('purge.started', 1);
  await db()
    .updateTable('jobs')
    .set({ state: 'done', updated_at: sql`now() - interval '2 hours'` })
    .where('id', '=', id!)
    .execute();
  const worker = new JobWorker(db(), { pollMs: 20, housekeepingMs: 0 }).register('nothing', async () => {});
  worker.start();
  try {
    for (let i = 0; i < 200 && (await jobsOf('purge.started')).length; i++) await new Promise((r) => setTimeout(r, 25));
  } finally {
    await worker.stop();
  }
  assert.deepEqual(await jobsOf('purge.started'), []);
});
