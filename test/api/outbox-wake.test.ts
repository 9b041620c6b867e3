import { after, before, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KyselyPlugin } from 'kysely';
import { enqueueJob } from '../../src/app/jobs/enqueue-job.js';
import { outboxWrittenWithin } from '../../src/infra/jobs/outbox-writes.js';
import { JobWorker } from '../../src/infra/jobs/worker.js';
import { startTestApp, type TestApp } from '../support/app.js';

// A write request wakes the outbox worker after its answer; one that queued nothing must not cost a claim
// statement (the default setup queues nothing per document: no AT communication, no webhook endpoint).
let t: TestApp;
before(async () => {
  t = await startTestApp({ secretKey: 'ab'.repeat(32) });
});
after(async () => {
  await t?.close();
});

const invoice = {
  type: 'FR',
  finalize: true,
  customer: { name: 'Cliente', taxId: '123456789' },
  lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
};
const settle = () => new Promise((r) => setTimeout(r, 100));

// Runs first: nothing in this process has queued outbox work yet.
test('a create-and-finalize notes an outbox write only when it queued a job (an endpoint subscribes)', async () => {
  const plain = await t.call('POST', '/v1/documents', invoice);
  assert.equal(plain.status, 201, JSON.stringify(plain.body));
  assert.equal(outboxWrittenWithin(60_000), false, 'no job queued: no outbox write noted');
  const jobs = await t.db.database.db.selectFrom('jobs').select('id').execute();
  assert.equal(jobs.length, 0);

  const ep = await t.call('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['document.finalized'] });
  assert.equal(ep.status, 201, JSON.stringify(ep.body));
  const subscribed = await t.call('POST', '/v1/documents', invoice);
  assert.equal(subscribed.status, 201);
  assert.equal(outboxWrittenWithin(60_000), true, 'the event job was noted');
  const queued = await t.db.database.db.selectFrom('jobs').select('kind').execute();
  assert.deepEqual(
    queued.map((j) => j.kind),
    ['event.dispatch'],
  );
});

test('a poke claims nothing unless outbox work was queued lately; after a queued job it runs it at once', async () => {
  let claims = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      if (args.node.kind === 'RawNode' && args.node.sqlFragments.join('?').includes("SET state = 'running'")) claims++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const ran: number[] = [];
  const worker = new JobWorker(t.db.database.db.withPlugin(counter), { pollMs: 60_000 }).register(
    'wake.test',
    async (job) => void ran.push(job.id),
  );
  // The previous test's event job is not this worker's kind; make the process's last outbox write old news.
  const since = claims;
  worker.start();
  await settle();
  assert.equal(claims - since, 1, 'the start claims once');
  try {
    if (outboxWrittenWithin(10_000)) {
      // Queued by the previous test: the pokes see the clock 10.1 s later, when it is no longer recent (the
      // worker's window is 10 s), instead of the test sleeping that long.
      const now = performance.now.bind(performance);
      mock.method(performance, 'now', () => now() + 10_100);
    }
    try {
      worker.poke();
      worker.poke();
    } finally {
      mock.restoreAll();
    }
    await settle();
    assert.equal(claims - since, 1, 'pokes without queued work claim nothing');

    await enqueueJob(t.db.database.db, { accountId: t.account.accountId, kind: 'wake.test', payload: {} });
    worker.poke();
    await settle();
    assert.equal(ran.length, 1, 'the queued job ran on the poke, not at the next poll (60 s)');
  } finally {
    await worker.stop();
  }
});
