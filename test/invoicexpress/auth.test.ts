import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { ixClient, type IxClient } from './client.js';

describe('InvoiceXpress dialect: mounting, auth, envelopes, rate limit', () => {
  let t: TestApp;
  let ix: IxClient;
  before(async () => {
    t = await startTestApp({ dialects: { invoicexpress: { rateLimitPerMinute: 5 } } });
    ix = ixClient(t, t.account.apiKey);
  });
  after(() => t.close());

  it('answers 401 in the JSON envelope without a key or with a wrong one', async () => {
    const none = await ix.call('GET', 'taxes.json', undefined, { key: null });
    assert.equal(none.status, 401);
    assert.match(none.body.errors[0].error, /api_key/);
    const wrong = await ix.call('GET', 'taxes.json', undefined, { key: 'ftr_wrong' });
    assert.equal(wrong.status, 401);
  });

  it('answers 401 in the XML envelope on .xml routes', async () => {
    const res = await ix.call('GET', 'taxes.xml', undefined, { key: null });
    assert.equal(res.status, 401);
    assert.match(String(res.headers['content-type']), /xml/);
    assert.match(res.text, /<errors><error>Access denied[^<]*<\/error><\/errors>/);
  });

  it('lists taxes in JSON and in v1 XML', async () => {
    const json = await ix.call('GET', 'taxes.json');
    assert.equal(json.status, 200);
    const iva23 = json.body.taxes.find((x: any) => x.name === 'IVA23');
    assert.equal(iva23.value, '23.0');
    const xml = await ix.call('GET', 'taxes.xml');
    assert.equal(xml.status, 200);
    assert.match(xml.text, /^<\?xml[^>]*>\s*<taxes type="array"><tax><id>\d+<\/id><name>/);
  });

  it('answers 404 for an unknown route, in the envelope', async () => {
    const res = await ix.call('GET', 'nothing-here.json');
    assert.equal(res.status, 404);
    assert.deepEqual(Object.keys(res.body), ['errors']);
  });

  it('limits requests per account per minute with 429 and Retry-After', async () => {
    const other = await t.newAccount();
    const c = ixClient(t, other.apiKey);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await c.call('GET', 'taxes.json');
      statuses.push(last.status);
    }
    assert.ok(statuses.includes(429), `statuses: ${statuses}`);
    assert.equal(last!.status, 429);
    assert.ok(Number(last!.headers['retry-after']) > 0);
    assert.match(last!.body.errors[0].error, /Too many requests/);
    // Another account is not affected.
    assert.equal((await ix.call('GET', 'taxes.json')).status, 200);
  });
});
