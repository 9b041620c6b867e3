import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app.js';
import { createBelgianAccount } from '../be/belgian-account.js';

// Requests exactly as the real public Billit clients send them (#17), replayed where running the client itself
// against this dialect found a failure: E = eltyBelgium/billit-mcp (src/client.ts: `Accept`, `apikey`, `partyID`,
// a fresh `Idempotent-Key` on every POST/PATCH/PUT, base URL + `/v1/…`). PGlite and PostgreSQL.
let t: TestApp;
let key: string;
let partyId: number;
before(async () => {
  t = await startTestApp();
  const a = await createBelgianAccount(t, 'billit-real-clients');
  key = a.apiKey;
  partyId = a.accountId;
});
after(async () => {
  await t?.close();
});

/** E's request: its header names and casing, the JSON body as `JSON.stringify` writes it. */
async function asE(method: 'GET' | 'POST', path: string, body?: unknown) {
  const headers: Record<string, string> = { Accept: 'application/json', apikey: key, partyID: String(partyId) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method === 'POST') headers['Idempotent-Key'] = randomUUID();
  const res = await t.app.inject({
    method,
    url: `/billit/v1/${path}`,
    headers,
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.statusCode, text: res.body, json: () => JSON.parse(res.body) };
}

test('E upsert_product: the same Reference posted again updates that product and answers its ProductID', async () => {
  // upsert_product's body (dropNone of Reference, Description, AmountExcl, VAT, Unit, EAN).
  const first = await asE('POST', 'products', {
    Reference: 'SKU-RC-1',
    Description: 'Box of cookies',
    AmountExcl: 10,
    VAT: 6,
    Unit: 'C62',
  });
  assert.equal(first.status, 200, first.text);
  assert.match(first.text, /^\d+$/);
  const id = Number(first.text);

  const second = await asE('POST', 'products', {
    Reference: 'SKU-RC-1',
    Description: 'Box of cookies (12)',
    AmountExcl: 12.5,
    VAT: 21,
  });
  assert.equal(second.status, 200, second.text);
  assert.equal(Number(second.text), id);

  const got = await asE('GET', `products/${id}`);
  assert.equal(got.status, 200, got.text);
  const p = got.json();
  assert.deepEqual(
    [p.ProductID, p.Reference, p.Description, p.AmountExcl, p.VAT],
    [id, 'SKU-RC-1', 'Box of cookies (12)', 12.5, 21],
  );
  // E's list_products (`$top`, `$skip`): one product under that Reference, not two.
  const list = await asE('GET', 'products?%24top=50&%24skip=0');
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(
    list
      .json()
      .Items.filter((x: { Reference: string }) => x.Reference === 'SKU-RC-1')
      .map((x: { ProductID: number }) => x.ProductID),
    [id],
  );

  // A new Reference is a new product.
  const other = await asE('POST', 'products', { Reference: 'SKU-RC-2', Description: 'Hour', AmountExcl: 50, VAT: 21 });
  assert.equal(other.status, 200, other.text);
  assert.notEqual(Number(other.text), id);
});
