import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { freePort } from '../support/server-process.js';
import { enqueueJob } from '../../src/app/jobs/enqueue-job.js';
import { PDF_RENDER_JOB } from '../../src/app/pdf/pdf-render-job.js';

const TOKEN = 'metrics-test-token-0123456789';
let t: TestApp;
before(async () => {
  t = await startTestApp({ metricsToken: TOKEN });
});
after(async () => {
  await t?.close();
});

const invoice = (type: string, i: number, extra: Record<string, unknown> = {}) => ({
  type,
  finalize: true,
  customer: { name: `Cliente ${i}`, taxId: '123456789' },
  lines: [{ description: `Linha ${i}`, quantity: '1', unitPrice: '10.00', taxName: 'IVA23' }],
  ...extra,
});

async function scrape(): Promise<string> {
  const r = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(r.statusCode, 200, r.body);
  assert.match(String(r.headers['content-type']), /^text\/plain/);
  return r.body;
}

/** The value of one sample, `name{labels}` with the labels in any order; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

test('/metrics answers 401 without the token or with a wrong one', async () => {
  assert.equal((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
  const wrong = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer nope' } });
  assert.equal(wrong.statusCode, 401);
  assert.equal(JSON.parse(wrong.body).error.code, 'unauthenticated');
  // An API key is not the metrics token.
  assert.equal((await t.call('GET', '/metrics')).status, 401);
});

test('issuing documents moves the request, document, batch and outbox metrics with the right labels', async () => {
  const before = await scrape();
  const ftBefore = sample(before, 'faturador_documents_issued_total', { type: 'FT' }) ?? 0;
  const results = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => t.call('POST', '/v1/documents', invoice('FT', i))));
  assert.ok(
    results.every((r) => r.status === 201),
    JSON.stringify(results.map((r) => r.body)),
  );
  const fs = await t.call('POST', '/v1/documents', invoice('FR', 9));
  assert.equal(fs.status, 201, JSON.stringify(fs.body));
  // A draft finalized on its own goes through finalizeDocument, not the batch.
  const draft = await t.call('POST', '/v1/documents', invoice('FT', 10, { finalize: false }));
  assert.equal(draft.status, 201);
  assert.equal((await t.call('POST', `/v1/documents/${draft.body.id}/finalize`)).status, 200);
  // Refused requests count as requests, never as documents.
  const bad = await t.call('POST', '/v1/documents', { type: 'FT', finalize: true, lines: [] });
  assert.equal(bad.status, 422);

  // The worker is not started: render jobs (finalize queues none since #15; older versions did) wait.
  await t.db.database.db.transaction().execute(async (tx) => {
    for (const r of [...results, fs, draft])
      await enqueueJob(tx, {
        accountId: t.account.accountId,
        kind: PDF_RENDER_JOB,
        payload: { documentId: r.body.id },
        dedupeKey: String(r.body.id),
      });
  });

  const text = await scrape();
  assert.equal(sample(text, 'faturador_documents_issued_total', { type: 'FT' }), ftBefore + 7);
  assert.equal(sample(text, 'faturador_documents_issued_total', { type: 'FR' }), 1);
  const post = (route: string, status: string) => ({ method: 'POST', route, status_code: status });
  assert.equal(sample(text, 'faturador_http_requests_total', post('/v1/documents', '201')), 8);
  assert.equal(sample(text, 'faturador_http_requests_total', post('/v1/documents', '422')), 1);
  assert.equal(sample(text, 'faturador_http_requests_total', post('/v1/documents/:id/finalize', '200')), 1);
  assert.equal(sample(text, 'faturador_http_request_duration_seconds_count', post('/v1/documents', '201')), 8);
  const inf = { ...post('/v1/documents', '201'), le: '+Inf' };
  assert.equal(sample(text, 'faturador_http_request_duration_seconds_bucket', inf), 8);
  assert.doesNotMatch(text, /route="\/v1\/documents\/\d+/, 'routes are patterns, never raw URLs');
  // Every document went through a committed batch (of one or more).
  const batched = sample(text, 'faturador_group_commit_batch_size_sum') ?? 0;
  assert.ok(batched >= 7, `batched ${batched}`);
  assert.ok((sample(text, 'faturador_group_commit_batch_size_count') ?? 0) >= 1);
  // The worker is not started: the queued render jobs wait.
  assert.ok((sample(text, 'faturador_outbox_jobs', { kind: 'pdf.render', state: 'pending' }) ?? 0) >= 8, text);
  assert.ok((sample(text, 'faturador_outbox_oldest_job_age_seconds', { kind: 'pdf.render' }) ?? -1) >= 0);
  assert.ok((sample(text, 'faturador_db_pool_connections', { state: 'max' }) ?? 0) >= 1);
  assert.notEqual(sample(text, 'nodejs_eventloop_lag_p99_seconds'), undefined, 'event-loop delay');

  // Running the outbox empties it and counts the jobs by kind and outcome.
  await t.worker.drain();
  const after = await scrape();
  assert.equal(sample(after, 'faturador_outbox_jobs', { kind: 'pdf.render', state: 'pending' }), undefined);
  assert.ok((sample(after, 'faturador_jobs_total', { kind: 'pdf.render', outcome: 'done' }) ?? 0) >= 8);
  assert.ok((sample(after, 'faturador_job_duration_seconds_count', { kind: 'pdf.render' }) ?? 0) >= 8);
});

test('requests that fail inside a shared batch are not counted, the others once', async () => {
  const before = sample(await scrape(), 'faturador_documents_issued_total', { type: 'FT' }) ?? 0;
  const series = await t.call('POST', '/v1/series', { code: 'MET' });
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      t.call('POST', '/v1/documents', {
        type: 'FT',
        seriesId: series.body.id,
        finalize: true,
        customer: { code: `M${i}`, name: `Cliente ${i}` },
        lines: [{ description: `L${i}`, quantity: '1', unitPrice: '10', taxName: i % 5 === 4 ? 'IVA0' : 'IVA23' }],
      }),
    ),
  );
  const ok = results.filter((r) => r.status === 201).length;
  assert.equal(ok, 16);
  assert.equal(sample(await scrape(), 'faturador_documents_issued_total', { type: 'FT' }), before + ok);
});

test('METRICS_PORT serves /metrics without a token on its own port; the API port has none then', async () => {
  const port = await freePort();
  const s = await startTestApp({ metricsPort: port });
  try {
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    // onListen hooks run once the API port is bound, without holding listen() up.
    let r: Response | undefined;
    for (let i = 0; i < 50 && !r; i++) {
      r = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => undefined);
      if (!r) await new Promise((res) => setTimeout(res, 100));
    }
    assert.ok(r, 'the metrics port never answered');
    assert.equal(r.status, 200);
    const text = await r.text();
    assert.match(text, /^# HELP faturador_http_requests_total/m);
    assert.notEqual(sample(text, 'faturador_db_pool_connections', { state: 'total' }), undefined);
    assert.equal((await s.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404);
  } finally {
    await s.close();
  }
  // Closed with the server.
  await assert.rejects(fetch(`http://127.0.0.1:${port}/metrics`));
});
