import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('concurrent creates that introduce the same new customer and item all succeed, and share one of each', async () => {
  const body = (i: number) => ({
    type: 'FT',
    finalize: true,
    customer: { code: 'RACE-C', name: 'Cliente Corrida', taxId: '123456789', email: 'corrida@example.com' },
    lines: [
      {
        item: { code: 'RACE-SKU', description: 'Artigo corrida', price: '10.00' },
        quantity: String(i + 1),
        taxName: 'IVA23',
      },
    ],
  });
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => t.call('POST', '/v1/documents', body(i))));
  assert.deepEqual(
    results.map((r) => r.status),
    Array(12).fill(201),
    JSON.stringify(results.find((r) => r.status !== 201)?.body),
  );
  const contactIds = new Set(results.map((r) => r.body.customer?.id ?? r.body.contactId));
  assert.equal(contactIds.size, 1, 'one customer');
  const items = await t.call('GET', '/v1/items?q=RACE-SKU');
  assert.equal(items.body.data.filter((x: { code: string }) => x.code === 'RACE-SKU').length, 1, 'one item');
  const numbers = results.map((r) => Number(String(r.body.number).split('/').pop())).sort((a, b) => a - b);
  assert.deepEqual(
    numbers,
    Array.from({ length: 12 }, (_, i) => i + 1),
  );
});
