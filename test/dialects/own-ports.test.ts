import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { startTestApp, type TestApp } from '../support/app.js';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

let t: TestApp;
let port: number;
let ixPort: number;
before(async () => {
  port = await freePort();
  ixPort = await freePort();
  t = await startTestApp({
    dialects: { billpt: { port, rateLimitPerMinute: 1000 }, invoicexpress: { port: ixPort } },
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  // The dialects' servers start from the main server's onListen hook, which Fastify does not wait for.
  for (const p of [port, ixPort]) {
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(`http://127.0.0.1:${p}/`).then(
          () => true,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
});
after(async () => {
  await t?.close();
});

test('BILLPT_PORT serves the dialect at the root of its own port, for clients that can only change the host', async () => {
  assert.equal(loadConfig({ BILLPT_PORT: '8081' }).dialects.billpt.port, 8081);
  assert.equal(loadConfig({}).dialects.billpt.port, undefined);
  const root = `http://127.0.0.1:${port}`;
  const types = await fetch(`${root}/api/1.0/tipos-documento?api_token=${t.account.apiKey}`);
  assert.equal(types.status, 200);
  assert.equal(((await types.json()) as unknown[]).length, 29);
  assert.equal(types.headers.get('x-ratelimit-limit'), '1000');
  const noToken = await fetch(`${root}/api/1.0/impostos`, { method: 'GET' });
  assert.equal(noToken.status, 401);
  assert.deepEqual(await noToken.json(), { error: ['202'] });
  const main = (t.app.server.address() as { port: number }).port;
  const prefixed = await fetch(`http://127.0.0.1:${main}/billpt/api/1.0/tipos-documento`, {
    headers: { authorization: `Bearer ${t.account.apiKey}` },
  });
  assert.equal(prefixed.status, 200, 'and under /billpt on the main port');
  const missing = await fetch(`${root}/nada`);
  assert.deepEqual([missing.status, await missing.json()], [404, { error: ['404'] }]);
});

test('INVOICEXPRESS_PORT serves the InvoiceXpress dialect at the root of its own port', async () => {
  assert.equal(loadConfig({ INVOICEXPRESS_PORT: '8082' }).dialects.invoicexpress.port, 8082);
  assert.equal(loadConfig({}).dialects.invoicexpress.rateLimitPerMinute, 780);
  const root = `http://127.0.0.1:${ixPort}`;
  const taxes = await fetch(`${root}/taxes.json?api_key=${t.account.apiKey}`);
  assert.equal(taxes.status, 200);
  assert.ok(((await taxes.json()) as { taxes: { name: string }[] }).taxes.some((x) => x.name === 'IVA23'));
  const created = await fetch(`${root}/invoices.json?api_key=${t.account.apiKey}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      invoice: {
        date: '03/12/2017',
        due_date: '03/12/2017',
        client: { name: 'Client Name', code: 'A1' },
        items: [{ name: 'Item Name', description: 'Item Description', unit_price: '100', quantity: '5' }],
      },
    }),
  });
  assert.equal(created.status, 201);
  const body = (await created.json()) as { invoice: { total: number; permalink: string } };
  assert.equal(body.invoice.total, 615);
  const denied = await fetch(`${root}/invoices.json`);
  assert.equal(denied.status, 401);
  const main = (t.app.server.address() as { port: number }).port;
  const prefixed = await fetch(`http://127.0.0.1:${main}/invoicexpress/taxes.xml?api_key=${t.account.apiKey}`);
  assert.equal(prefixed.status, 200, 'and under /invoicexpress on the main port');
  assert.match(await prefixed.text(), /<taxes type="array">/);
});
