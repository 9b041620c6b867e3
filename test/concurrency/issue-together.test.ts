import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadChain } from '../../src/app/documents/load-chain.js';
import { verifyChain } from '../../src/domain/pt/chain.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TEST_SECRET_KEY } from '../email/email-env.js';

let t: TestApp;
before(async () => {
  t = await startTestApp({ secretKey: TEST_SECRET_KEY });
});
after(async () => {
  await t?.close();
});

// Concurrent create-and-finalize requests of one account are issued together (one counter lock, one chain
// through the batch). A request the batch cannot take (a date before the last of the series) fails alone.
test('concurrent create-and-finalize requests issued together: 1..N, a valid chain, and refused dates fail alone', async () => {
  const series = await t.call('POST', '/v1/series', { code: 'TOG' });
  const hook = await t.call('POST', '/v1/webhooks', {
    url: 'https://hooks.example.com/in',
    events: ['document.finalized'],
  });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
  const body = (i: number, date: string) => ({
    type: 'FT',
    seriesId: series.body.id,
    finalize: true,
    date,
    customer: { name: 'Cliente Junto', taxId: '123456789' },
    lines: [{ description: `Linha ${i}`, quantity: '1', unitPrice: String(10 + i), taxName: 'IVA23' }],
  });
  const first = await t.call('POST', '/v1/documents', body(0, '2026-01-20'));
  assert.equal(first.status, 201, JSON.stringify(first.body));
  const results = await Promise.all(
    Array.from({ length: 48 }, (_, i) =>
      t.call('POST', '/v1/documents', body(i + 1, i % 6 === 5 ? '2026-01-10' : '2026-01-20')),
    ),
  );
  const ok = results.filter((r) => r.status === 201);
  const refused = results.filter((r) => r.status !== 201);
  assert.equal(refused.length, 8);
  assert.ok(
    refused.every((r) => r.status === 422 && r.body.error.code === 'date_before_last_in_series'),
    JSON.stringify(refused[0]?.body),
  );
  assert.deepEqual(
    ok.map((r) => r.body.sequence).sort((a, b) => a - b),
    Array.from({ length: 40 }, (_, i) => i + 2),
  );
  for (const r of ok.slice(0, 5)) {
    const got = await t.call('GET', `/v1/documents/${r.body.id}`);
    assert.deepEqual(r.body, got.body, 'the response is the document as written');
  }
  const { docs, publicKeys } = await loadChain(t.db.database.db, t.account.accountId, { seriesCode: 'TOG' });
  const report = verifyChain(docs, publicKeys[0].public_pem);
  assert.equal(report.failures.length, 0, JSON.stringify(report.failures.slice(0, 3)));
  assert.equal(report.checked, 41);
  const drafts = await t.db.database.db.selectFrom('documents').select('id').where('status', '=', 'draft').execute();
  assert.equal(drafts.length, 0, 'refused requests leave nothing behind');
  const jobs = await t.db.database.db.selectFrom('jobs').select('id').where('kind', '=', 'pdf.render').execute();
  assert.equal(jobs.length, 0, 'no render job: a PDF renders on first request (#15)');
  const events = await t.db.database.db
    .selectFrom('jobs')
    .select('payload')
    .where('kind', '=', 'event.dispatch')
    .execute();
  const finalized = events.map(
    (j) => (j.payload as { events: { type: string; document: { id: number; status: string } }[] }).events,
  );
  assert.ok(
    finalized.every((e) => e.length === 1 && e[0].type === 'document.finalized'),
    'one event job per document, also when issued together',
  );
  assert.deepEqual(
    finalized.map((e) => e[0].document.id).sort((a, b) => a - b),
    [first.body.id, ...ok.map((r) => r.body.id)].sort((a, b) => a - b),
  );
  // The body is built at dispatch from the IssuedDocument; the outbox records the state being committed.
  assert.ok(
    finalized.every((e) => e[0].document.status === 'final'),
    'each event records its own document as committed',
  );
});
