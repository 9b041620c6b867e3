import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { closePdfRenderPool, startPdfRenderPool } from '../../src/render/pdf/render-pool.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { CUSTOMER, line } from './fixtures.js';

// #15: a PDF render is ~12 ms of CPU. On the event loop, renders kept a cheap GET waiting up to 234 ms while
// invoices were issued. On the render pool (render-pool.ts) the loop stays free to answer.
//
// Absolute times mean little on a loaded shared machine (at load 20 on 2 cores, everything is 10× slower), so the
// test compares, in one process and on the same documents, a burst rendered on the main thread (the old way) with
// 200 renders on the pool: cheap GETs answered per second while the PDFs render, and the loop's delay. With
// PDF_EVENT_LOOP_IN_PROCESS=1 both bursts render on the main thread: the test then fails (how it was checked).
const DOCS = 20;
const inProcess = process.env.PDF_EVENT_LOOP_IN_PROCESS === '1';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await closePdfRenderPool();
  await t?.close();
});

interface Burst {
  renders: number;
  ms: number;
  gets: number[];
  maxDelayMs: number;
  p99DelayMs: number;
}

/** Downloads every document `rounds` times, its cached file dropped before each round, while GETs go on. */
async function burst(ids: number[], rounds: number): Promise<Burst> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  let rendering = true;
  let renders = 0;
  const downloads = (async () => {
    for (let round = 0; round < rounds; round++) {
      await t.db.database.db.deleteFrom('document_files').where('document_id', 'in', ids).execute();
      const answers = await Promise.all(
        ids.map((id) =>
          t.app.inject({
            method: 'GET',
            url: `/v1/documents/${id}/pdf`,
            headers: { authorization: `Bearer ${t.account.apiKey}` },
          }),
        ),
      );
      for (const a of answers) {
        assert.equal(a.statusCode, 200, a.body);
        assert.equal(a.rawPayload.subarray(0, 5).toString(), '%PDF-');
      }
      renders += answers.length;
    }
  })().finally(() => (rendering = false));
  const gets: number[] = [];
  while (rendering) {
    const at = performance.now();
    const r = await t.call('GET', `/v1/documents/${ids[gets.length % ids.length]}`);
    assert.equal(r.status, 200);
    gets.push(performance.now() - at);
    await new Promise((r) => setTimeout(r, 10));
  }
  await downloads;
  const ms = performance.now() - started;
  loop.disable();
  return { renders, ms, gets, maxDelayMs: loop.max / 1e6, p99DelayMs: loop.percentile(99) / 1e6 };
}

const describe = (name: string, b: Burst) =>
  `${name}: ${b.renders} renders in ${b.ms.toFixed(0)} ms, ${b.gets.length} GETs ` +
  `(${((b.gets.length * 1000) / b.ms).toFixed(1)}/s, slowest ${Math.max(...b.gets).toFixed(0)} ms), ` +
  `event loop delay max ${b.maxDelayMs.toFixed(0)} ms, p99 ${b.p99DelayMs.toFixed(0)} ms`;

test('while 200 PDFs render, the event loop stays free: cheap GETs go on being answered', async () => {
  const created = await Promise.all(
    Array.from({ length: DOCS }, (_, i) =>
      t.call('POST', '/v1/documents', {
        type: 'FT',
        finalize: true,
        customer: CUSTOMER,
        lines: [
          line(`Serviço ${i}`, '1', '50', { taxName: 'IVA23' }),
          line('Livro técnico', '2', '24.90', { taxName: 'IVA6' }),
        ],
      }),
    ),
  );
  for (const r of created) assert.equal(r.status, 201, JSON.stringify(r.body));
  const ids: number[] = created.map((r) => r.body.id);

  const onLoop = await burst(ids, 3);
  if (!inProcess) assert.equal(await startPdfRenderPool(1)!.ready, true, 'the render thread started');
  const onPool = await burst(ids, 10);
  const summary = `${describe('main thread', onLoop)}\n${describe(inProcess ? 'main thread again' : 'pool', onPool)}`;
  console.log(summary);

  assert.equal(onPool.renders, 200);
  const rate = (b: Burst) => b.gets.length / b.ms;
  // On the loop a GET waits for the renders queued before it: a handful are answered. Measured at load ~20 on
  // 2 cores: 0.07–0.2 GETs/s on the loop against 1.8–3/s on the pool; on an idle machine the gap is wider.
  assert.ok(onPool.gets.length >= 10, summary);
  assert.ok(rate(onPool) >= 4 * rate(onLoop), summary);
  // The slowest GET and the loop's worst delay shrink with the renders off the loop.
  assert.ok(Math.max(...onPool.gets) < Math.max(...onLoop.gets), summary);
});
