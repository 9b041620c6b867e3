import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { readShared, skipUnlessShared } from '../support/shared.js';
import { ixClient, type IxClient } from './client.js';

const SEED_002 = ['seeds', '002_ef67bcd118e481f3.txt'];
const SEED_003 = ['seeds', '003_a151c8b0f551290a.txt'];

/** Seed 002's XML request, verbatim. */
function seed002Request(): string {
  const text = readShared(...SEED_002);
  const start = text.indexOf('<simplified_invoice>');
  const end = text.indexOf('</simplified_invoice>') + '</simplified_invoice>'.length;
  return text.slice(start, end);
}

/** Seed 003's "Example Request Body", verbatim. */
function seed003Request(): any {
  const text = readShared(...SEED_003);
  const start = text.indexOf('{', text.indexOf('Example Request Body'));
  const end = text.indexOf('\nResponses', start);
  return JSON.parse(text.slice(start, end));
}

const xmlValue = (xml: string, path: string) => {
  const m = new RegExp(`<${path}>([^<]*)</${path}>`).exec(xml);
  return m?.[1];
};

/** A small invoice body in seed 003's style (24.3902 at 23% → 24.39 + 5.61 = 30). */
const large = (extra: Record<string, unknown> = {}) => ({
  invoice: {
    date: '03/12/2025',
    due_date: '19/12/2025',
    reference: 'foo',
    observations: 'foo',
    client: { name: 'John', code: 'JOHN-1', country: 'Portugal' },
    items: [
      { name: 'Large', description: 'foo', unit_price: '24.3902', quantity: '1', unit: 'foo', tax: { name: 'IVA23' } },
    ],
    ...extra,
  },
});

describe('InvoiceXpress documents: create, get, update, list, change-state, related documents', () => {
  let t: TestApp;
  let ix: IxClient;
  before(async () => {
    t = await startTestApp();
    ix = ixClient(t, t.account.apiKey);
  });
  after(() => t.close());

  it(
    "creates seed 002's simplified invoice from its XML verbatim and answers the seed's XML",
    skipUnlessShared(...SEED_002),
    async () => {
      const res = await ix.call('POST', 'simplified_invoices.xml', seed002Request(), { xml: true });
      assert.equal(res.status, 201, res.text);
      assert.match(String(res.headers['content-type']), /application\/xml/);
      const xml = res.text;
      assert.match(
        xml,
        /^<\?xml[^>]*>\s*<simplified_invoice><id>\d+<\/id><status>draft<\/status><archived>false<\/archived><type>SimplifiedInvoice<\/type><sequence_number>draft<\/sequence_number>/,
      );
      assert.equal(xmlValue(xml, 'atcud'), 'N/D');
      assert.equal(xmlValue(xml, 'date'), '07/05/2015');
      assert.equal(xmlValue(xml, 'due_date'), '08/05/2015');
      assert.match(xml, /<client><id>\d+<\/id><name>Ricardo Pereira<\/name><code>100<\/code>/);
      assert.equal(xmlValue(xml, 'currency'), 'Euro');
      // The first line has no <tax>: the default tax (IVA23) applies.
      const items = [...xml.matchAll(/<item>(.*?)<\/item>/g)].map((m) => m[1]);
      assert.equal(items.length, 2);
      assert.match(
        items[0],
        /<name>Product 1<\/name><description>Cleaning product<\/description><unit_price>10\.0<\/unit_price><unit>[^<]*<\/unit><quantity>1\.0<\/quantity><tax><id>\d+<\/id><name>IVA23<\/name><value>23\.0<\/value><\/tax><discount>0\.0<\/discount><subtotal>10\.0<\/subtotal><tax_amount>2\.3<\/tax_amount><discount_amount>0\.0<\/discount_amount><total>12\.3<\/total>/,
      );
      assert.match(
        items[1],
        /<name>Product 2<\/name>.*<unit_price>5\.0<\/unit_price>.*<name>IVA23<\/name><value>23\.0<\/value>.*<subtotal>5\.0<\/subtotal><tax_amount>1\.15<\/tax_amount><discount_amount>0\.0<\/discount_amount><total>6\.15<\/total>/,
      );
      assert.match(
        xml,
        /<\/items><sum>15\.0<\/sum><discount>0\.0<\/discount><before_taxes>15\.0<\/before_taxes><taxes>3\.45<\/taxes><total>18\.45<\/total>/,
      );
      // The same document in JSON, under both roots.
      const id = xmlValue(xml, 'id');
      const json = await ix.call('GET', `simplified_invoices/${id}.json`);
      assert.equal(json.status, 200);
      assert.deepEqual(Object.keys(json.body), ['simplified_invoice', 'invoice']);
      assert.equal(json.body.simplified_invoice.total, 18.45);
      assert.deepEqual(json.body.invoice, json.body.simplified_invoice);
    },
  );

  it(
    "answers seed 003's verbatim body with the exact 422: its sequence and owner invoice do not exist here",
    skipUnlessShared(...SEED_003),
    async () => {
      const res = await ix.call('POST', 'invoices.json', seed003Request());
      assert.equal(res.status, 422);
      assert.deepEqual(res.body, {
        errors: [{ error: 'Sequence 12345 was not found' }, { error: 'Owner invoice 12345 was not found' }],
      });
      // Nothing was written: the proprietary_uid is free and no client was created.
      const list = await ix.call('GET', 'invoices.json');
      assert.equal(list.body.pagination.total_entries, 1);
    },
  );

  it(
    "creates seed 003's body with this account's sequence and a valid NIF: USD at its rate, 50% line and global discounts, M01 ignored on taxed items",
    skipUnlessShared(...SEED_003),
    async () => {
      const body = seed003Request();
      const first = await ix.call('POST', 'invoices.json', large());
      body.invoice.sequence_id = String(first.body.invoice.sequence_id);
      delete body.invoice.owner_invoice_id;
      // The seed's fiscal_id 508000000 fails the NIF check digit (the core refuses it); 508000009 is its valid neighbour.
      body.invoice.client.fiscal_id = '508000009';
      const res = await ix.call('POST', 'invoices.json', body);
      assert.equal(res.status, 201, res.text);
      const v = res.body.invoice;
      assert.deepEqual(Object.keys(res.body), ['invoice']);
      assert.equal(v.type, 'Invoice');
      assert.equal(v.status, 'draft');
      assert.equal(v.sequence_number, 'draft');
      assert.equal(v.date, '03/12/2017');
      assert.equal(v.reference, '999');
      assert.equal(v.currency_code, 'USD');
      assert.equal(v.rate, 1.23565);
      assert.equal(v.retention, '');
      assert.deepEqual(v.global_discount, { value_type: 'percentage', value: 50 });
      assert.deepEqual(
        {
          name: v.client.name,
          code: v.client.code,
          country: v.client.country,
          fiscal_id: v.client.fiscal_id,
          email: v.client.email,
        },
        { name: 'Client Name', code: 'A1', country: 'Portugal', fiscal_id: '508000009', email: 'foo@bar.com' },
      );
      const item = v.items[0];
      assert.deepEqual(
        { ...item, tax: { name: item.tax.name, value: item.tax.value } },
        {
          name: 'Item Name',
          description: 'Item Description',
          unit_price: '100.0',
          unit: 'service',
          quantity: '5.0',
          tax: { name: 'IVA23', value: 23 },
          discount: 50,
          subtotal: 500,
          tax_amount: 57.5,
          discount_amount: 250,
          total: 307.5,
        },
      );
      // 500 − 50% = 250, global 50% → 125 before taxes, 28.75 VAT.
      assert.deepEqual([v.sum, v.discount, v.before_taxes, v.taxes, v.total], [500, 375, 125, 28.75, 153.75]);
      // The same proprietary_uid again, with another body: the original document, never a second one.
      const again = await ix.call('POST', 'invoices.json', { ...large(), proprietary_uid: body.proprietary_uid });
      assert.equal(again.status, 201);
      assert.equal(again.body.invoice.id, v.id);
      assert.equal(again.body.invoice.total, 153.75);
    },
  );

  it("answers seed 003's success shape for a 24.39 + 23% invoice", async () => {
    const res = await ix.call('POST', 'invoices.json', large());
    assert.equal(res.status, 201);
    const v = res.body.invoice;
    assert.deepEqual([v.sum, v.discount, v.before_taxes, v.taxes, v.total], [24.39, 0, 24.39, 5.61, 30]);
    assert.deepEqual(v.items[0].unit_price, '24.3902');
    assert.deepEqual(v.items[0].quantity, '1.0');
    assert.deepEqual(
      [v.items[0].subtotal, v.items[0].tax_amount, v.items[0].discount_amount, v.items[0].total, v.items[0].tax.value],
      [24.39, 5.61, 0, 30, 23],
    );
    assert.equal(v.atcud, 'N/D');
    assert.equal(v.saft_hash, '');
    assert.match(v.permalink, /^http:\/\/localhost\/download\/\d+\/[0-9a-f]{48}$/);
    // Finalized: numbered "n/SERIES", ATCUD, the 4 printed hash characters; the permalink serves the PDF.
    const fin = await ix.call('PUT', `invoices/${v.id}/change-state.json`, { invoice: { state: 'finalized' } });
    assert.equal(fin.status, 200, fin.text);
    const f = fin.body.invoice;
    assert.equal(f.status, 'final');
    assert.match(f.sequence_number, /^\d+\/[^/]+$/);
    assert.equal(f.inverted_sequence_number, f.sequence_number.split('/').reverse().join('/'));
    assert.notEqual(f.atcud, 'N/D');
    assert.match(f.saft_hash, /^.{4}$/);
    await t.worker.drain();
    const pdf = await t.app.inject({ method: 'GET', url: f.permalink.replace('http://localhost', '') });
    assert.equal(pdf.statusCode, 200);
    assert.match(String(pdf.headers['content-type']), /pdf/);
  });

  it("finds items by name and updates them, falls back to the default tax, and refuses bad input with the seed's messages", async () => {
    const res = await ix.call('POST', 'invoices.json', {
      invoice: {
        date: '32/13/2025',
        client: { name: 'Ana', code: 'ANA' },
        items: [
          { name: 'Large', description: 'new text', unit_price: '10', quantity: '2', tax: { name: 'NO-SUCH-TAX' } },
        ],
      },
    });
    assert.equal(res.status, 201, res.text);
    const v = res.body.invoice;
    // An invalid date is today's; the unknown tax is the default one.
    assert.match(v.date, /^\d{2}\/\d{2}\/\d{4}$/);
    assert.equal(v.items[0].tax.name, 'IVA23');
    assert.equal(v.total, 24.6);
    // The item named Large (created by earlier invoices) took the new description and price.
    const items = await t.call('GET', '/v1/items?perPage=200');
    const item = items.body.data.find((i: any) => i.code === 'Large');
    assert.equal(item.description, 'new text');
    assert.equal(Number(item.price), 10);

    const bad = await ix.call('POST', 'invoices.json', {
      invoice: {
        date: '01/01/2025',
        due_date: '01/12/2024',
        retention: '100',
        mb_reference: '1',
        client: { name: 'X', code: 'X1', email: 'nope', country: 'Germani' },
        items: [{ name: 'A', description: 'A thing', unit_price: 'abc', quantity: '0', discount: 'x' }],
      },
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(
      bad.body.errors.map((e: any) => e.error),
      [
        'Retention must be a number between 0 and 99.99',
        'email must be an email address',
        'Country Germani was not found',
        'unit_price must be a number',
        'quantity must be a number greater than 0',
        'discount is not a number',
        'Option to generate MB reference is set, but EasyPay for this account is not activated',
      ],
    );
    const notArray = await ix.call('POST', 'invoices.json', {
      invoice: { client: { name: 'X', code: 'X1' }, items: 'one' },
    });
    assert.deepEqual(notArray.body, { errors: [{ error: 'Items element should be of type array' }] });
    const due = await ix.call('POST', 'invoices.json', large({ date: '10/12/2025', due_date: '01/12/2025' }));
    assert.deepEqual(due.body, { errors: [{ error: 'Due date must be later than date' }] });
    const exempt = await ix.call(
      'POST',
      'invoices.json',
      large({
        items: [{ name: 'Book', description: 'A book', unit_price: '10', quantity: '1', tax: { name: 'IVA0' } }],
      }),
    );
    assert.equal(exempt.status, 422);
    assert.match(exempt.body.errors[0].error, /^tax_exemption is required/);
    const withCode = await ix.call(
      'POST',
      'invoices.json',
      large({
        tax_exemption: 'M07',
        items: [{ name: 'Book', description: 'A book', unit_price: '10', quantity: '1', tax: { name: 'IVA0' } }],
      }),
    );
    assert.equal(withCode.status, 201, withCode.text);
    assert.equal(withCode.body.invoice.tax_exemption, 'M07');
    assert.equal(withCode.body.invoice.total, 10);
    const xmlErr = await ix.call(
      'POST',
      'invoices.xml',
      '<invoice><client><name>X</name><code>X1</code></client><items>one</items></invoice>',
      { xml: true },
    );
    assert.equal(xmlErr.status, 422);
    assert.match(xmlErr.text, /<errors><error>Items element should be of type array<\/error><\/errors>/);
  });

  it('updates drafts only, and keeps what the body leaves out', async () => {
    const { body } = await ix.call('POST', 'invoices.json', large());
    const id = body.invoice.id;
    const put = await ix.call('PUT', `invoices/${id}.json`, { invoice: { observations: 'changed' } });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.invoice.observations, 'changed');
    assert.equal(put.body.invoice.total, 30);
    assert.equal(put.body.invoice.client.code, 'JOHN-1');
    const put2 = await ix.call('PUT', `invoices/${id}.json`, {
      invoice: { items: [{ name: 'Small', description: 'bar', unit_price: '10', quantity: '3' }] },
    });
    assert.equal(put2.body.invoice.total, 36.9);
    await ix.call('PUT', `invoices/${id}/change-state.json`, { invoice: { state: 'finalized' } });
    const refused = await ix.call('PUT', `invoices/${id}.json`, { invoice: { observations: 'again' } });
    assert.equal(refused.status, 422);
    assert.deepEqual(refused.body, {
      errors: [{ error: 'Only draft documents can be updated: this Invoice is final' }],
    });
  });

  it("a PUT that changes only observations keeps the draft's payment method, document state and store", async () => {
    const { body } = await ix.call('POST', 'invoices.json', large());
    const id = body.invoice.id;
    const pm = await t.call('POST', '/v1/payment-methods', { name: 'Transferência', saftCode: 'TB' });
    const state = await t.call('POST', '/v1/document-states', { name: 'A rever' });
    assert.equal(pm.status, 201);
    assert.equal(state.status, 201);
    const before = await t.call('GET', `/v1/documents/${id}`);
    const set = await t.call('PUT', `/v1/documents/${id}`, {
      contactId: before.body.contactId,
      paymentMethodId: pm.body.id,
      stateId: state.body.id,
      lines: [{ description: 'Large', quantity: '1', unitPrice: '24.3902', taxName: 'IVA23' }],
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const put = await ix.call('PUT', `invoices/${id}.json`, { invoice: { observations: 'only this' } });
    assert.equal(put.status, 200, put.text);
    const after = (await t.call('GET', `/v1/documents/${id}`)).body;
    assert.equal(after.observations, 'only this');
    assert.equal(after.paymentMethodId, pm.body.id);
    assert.equal(after.stateId, state.body.id);
    assert.equal(after.storeId, set.body.storeId);
  });

  it('walks every allowed change-state transition and refuses the others', async () => {
    const create = async (path: string, extra: Record<string, unknown> = {}) =>
      (await ix.call('POST', `${path}.json`, large(extra))).body;
    const change = (path: string, id: number, state: string, message?: string) =>
      ix.call('PUT', `${path}/${id}/change-state.json`, { invoice: { state, ...(message ? { message } : {}) } });

    // Invoice: draft → final → settled (a receipt); settled cannot be canceled or unsettled.
    const inv = (await create('invoices')).invoice;
    assert.equal((await change('invoices', inv.id, 'settled')).status, 422);
    assert.equal((await change('invoices', inv.id, 'canceled', 'x')).status, 422);
    assert.equal((await change('invoices', inv.id, 'finalized')).body.invoice.status, 'final');
    assert.deepEqual((await change('invoices', inv.id, 'finalized')).body, {
      errors: [{ error: 'A final Invoice cannot be finalized' }],
    });
    assert.equal((await change('invoices', inv.id, 'deleted')).status, 422);
    assert.equal((await change('invoices', inv.id, 'unsettled')).status, 422);
    const settled = await change('invoices', inv.id, 'settled');
    assert.equal(settled.body.invoice.status, 'settled');
    assert.equal((await change('invoices', inv.id, 'canceled', 'paid')).status, 422);
    assert.equal((await change('invoices', inv.id, 'unsettled')).status, 422);
    const rel = await ix.call('GET', `invoices/${inv.id}/related_documents.json`);
    assert.equal(rel.body.documents.length, 1);
    assert.equal(rel.body.documents[0].type, 'Receipt');
    assert.equal(rel.body.documents[0].total, 30);

    // Invoice: final → canceled needs a message.
    const inv2 = (await create('invoices')).invoice;
    await change('invoices', inv2.id, 'finalized');
    assert.deepEqual((await change('invoices', inv2.id, 'canceled')).body, {
      errors: [{ error: 'A message is required to cancel a document' }],
    });
    const canceled = await change('invoices', inv2.id, 'canceled', 'Wrong customer');
    assert.equal(canceled.body.invoice.status, 'canceled');
    assert.equal((await change('invoices', inv2.id, 'finalized')).status, 422);

    // Draft → deleted; then it is gone.
    const inv3 = (await create('invoices')).invoice;
    const del = await change('invoices', inv3.id, 'deleted');
    assert.equal(del.status, 200);
    assert.equal(del.body.invoice.status, 'deleted');
    assert.equal((await ix.call('GET', `invoices/${inv3.id}.json`)).status, 404);
    assert.equal((await change('invoices', inv.id, 'bogus')).status, 422);

    // Invoice-receipt: draft → settled on finalize; settled → canceled.
    const fr = (await create('invoice_receipts')).invoice_receipt;
    const frFin = await change('invoice_receipts', fr.id, 'finalized');
    assert.deepEqual(Object.keys(frFin.body), ['invoice_receipt', 'invoice']);
    assert.equal(frFin.body.invoice_receipt.status, 'settled');
    assert.equal((await change('invoice_receipts', fr.id, 'settled')).status, 422);
    assert.equal((await change('invoice_receipts', fr.id, 'unsettled')).status, 422);
    assert.equal(
      (await change('invoice_receipts', fr.id, 'canceled', 'Returned')).body.invoice_receipt.status,
      'canceled',
    );

    // Credit note on a final invoice: its lines; final → settled → final (unsettled) → canceled.
    const inv4 = (await create('invoices')).invoice;
    await change('invoices', inv4.id, 'finalized');
    const nc = await ix.call('POST', 'credit_notes.json', {
      credit_note: { owner_invoice_id: inv4.id, items: [{ name: 'Large', unit_price: '24.3902', quantity: '1' }] },
    });
    assert.equal(nc.status, 201, nc.text);
    const ncId = nc.body.credit_note.id;
    assert.equal(nc.body.credit_note.owner_invoice_id, inv4.id);
    assert.equal(nc.body.credit_note.client.code, 'JOHN-1');
    assert.equal(nc.body.credit_note.total, 30);
    assert.equal((await change('credit_notes', ncId, 'finalized')).body.credit_note.status, 'final');
    assert.equal((await change('credit_notes', ncId, 'settled')).body.credit_note.status, 'settled');
    assert.equal((await change('credit_notes', ncId, 'unsettled')).body.credit_note.status, 'final');
    const invRel = await ix.call('GET', `invoices/${inv4.id}/related-documents.json`);
    assert.deepEqual(
      invRel.body.documents.map((d: any) => d.type),
      ['CreditNote'],
    );
    const docRel = await ix.call('GET', `document/${ncId}/related_documents.json`);
    assert.deepEqual(
      docRel.body.documents.map((d: any) => d.id),
      [inv4.id],
    );
    assert.equal((await change('credit_notes', ncId, 'canceled', 'Mistake')).body.credit_note.status, 'canceled');
    const noOwner = await ix.call('POST', 'credit_notes.json', large());
    assert.equal(noOwner.status, 422);
    assert.match(noOwner.body.errors[0].error, /owner_invoice_id is required/);

    // Debit note: settled by a receipt, unsettled by cancelling it.
    const inv5 = (await create('invoices')).invoice;
    await change('invoices', inv5.id, 'finalized');
    const nd = (
      await ix.call('POST', 'debit_notes.json', {
        invoice: { owner_invoice_id: String(inv5.id), items: [{ name: 'Large', unit_price: '10', quantity: '1' }] },
      })
    ).body.debit_note;
    assert.equal(nd.total, 12.3);
    await change('debit_notes', nd.id, 'finalized');
    assert.equal((await change('debit_notes', nd.id, 'settled')).body.debit_note.status, 'settled');
    assert.equal((await change('debit_notes', nd.id, 'unsettled')).body.debit_note.status, 'final');
  });

  it('creates once per proprietary_uid under concurrency: one document, the others 409 or the original', async () => {
    const body = { ...large(), proprietary_uid: 'race-uid-1' };
    const results = await Promise.all(Array.from({ length: 8 }, () => ix.call('POST', 'invoices.json', body)));
    const ok = results.filter((r) => r.status === 201);
    assert.ok(ok.length >= 1);
    assert.ok(
      results.every((r) => r.status === 201 || r.status === 409),
      results.map((r) => r.status).join(','),
    );
    assert.equal(new Set(ok.map((r) => r.body.invoice.id)).size, 1);
    const replay = await ix.call('POST', 'invoices.json', body);
    assert.equal(replay.body.invoice.id, ok[0].body.invoice.id);
    const list = await ix.call('GET', 'invoices.json', undefined, { query: { text: 'race', per_page: '100' } });
    assert.equal(list.status, 200);
  });

  it('lists with type[], status[], date, total and reference filters and paginates', async () => {
    // Its own account, with one document of each kind the filters select: nothing read here comes from another test.
    const ix = ixClient(t, (await t.newAccount()).apiKey);
    const post = async (path: string, root: string, doc: Record<string, unknown>) => {
      const res = await ix.call('POST', `${path}.json`, { [root]: doc });
      assert.equal(res.status, 201, res.text);
      return res.body[root];
    };
    const change = async (path: string, id: number, state: string) => {
      const res = await ix.call('PUT', `${path}/${id}/change-state.json`, { invoice: { state } });
      assert.equal(res.status, 200, res.text);
    };
    const body = large().invoice;
    await post('simplified_invoices', 'simplified_invoice', { ...body, date: '07/05/2015', due_date: '08/05/2015' });
    await post('invoices', 'invoice', body);
    await post('invoices', 'invoice', { ...body, reference: '999', items: [{ ...body.items[0], unit_price: '150' }] });
    const paid = await post('invoices', 'invoice', body);
    await change('invoices', paid.id, 'finalized');
    await change('invoices', paid.id, 'settled');
    const owner = await post('invoices', 'invoice', body);
    await change('invoices', owner.id, 'finalized');
    const nc = await post('credit_notes', 'credit_note', { owner_invoice_id: owner.id, items: body.items });
    await change('credit_notes', nc.id, 'finalized');
    await post('debit_notes', 'debit_note', { owner_invoice_id: owner.id, items: body.items });
    const all = await ix.call('GET', 'invoices.json', undefined, { query: { per_page: '2' } });
    assert.equal(all.status, 200);
    assert.equal(all.body.invoices.length, 2);
    const total = all.body.pagination.total_entries;
    assert.deepEqual(all.body.pagination, {
      current_page: 1,
      total_pages: Math.ceil(total / 2),
      total_entries: total,
      per_page: 2,
    });
    const page2 = await ix.call('GET', 'invoices.json?per_page=2&page=2');
    assert.notEqual(page2.body.invoices[0].id, all.body.invoices[0].id);

    const url = (qs: string) => ix.call('GET', `invoices.json?${qs}`);
    const crs = await url('type[]=CreditNote&per_page=100');
    assert.ok(crs.body.invoices.length >= 1 && crs.body.invoices.every((d: any) => d.type === 'CreditNote'));
    const two = await url('type[]=CreditNote&type[]=DebitNote&per_page=100');
    assert.deepEqual([...new Set(two.body.invoices.map((d: any) => d.type))].sort(), ['CreditNote', 'DebitNote']);
    const settled = await url('status[]=settled&per_page=100');
    assert.ok(settled.body.invoices.length >= 1 && settled.body.invoices.every((d: any) => d.status === 'settled'));
    const finals = await url('status[]=final&per_page=100');
    assert.ok(finals.body.invoices.every((d: any) => d.status === 'final'));
    const drafts = await url('status[]=draft&type[]=Invoice&per_page=100');
    assert.ok(drafts.body.invoices.every((d: any) => d.status === 'draft' && d.type === 'Invoice'));
    const old = await url(
      `date[from]=${encodeURIComponent('01/01/2015')}&date[to]=${encodeURIComponent('31/12/2015')}`,
    );
    assert.deepEqual(
      old.body.invoices.map((d: any) => d.type),
      ['SimplifiedInvoice'],
    );
    const big = await url('total_before_taxes[from]=100&per_page=100');
    assert.ok(big.body.invoices.length >= 1 && big.body.invoices.every((d: any) => d.before_taxes >= 100));
    const ref = await url('reference=999');
    assert.ok(ref.body.invoices.every((d: any) => d.reference === '999'));
    const none = await url('type[]=Nothing');
    assert.deepEqual(none.body, {
      invoices: [],
      pagination: { current_page: 1, total_pages: 1, total_entries: 0, per_page: 20 },
    });
    const xml = await ix.call('GET', 'invoices.xml?per_page=1');
    assert.match(xml.text, /<invoices type="array"><invoice><id>\d+<\/id>/);
  });

  it("isolates accounts and types: another account's document, an unknown id or another type is 404", async () => {
    const mine = (await ix.call('POST', 'invoices.json', large())).body.invoice;
    const other = ixClient(t, (await t.newAccount()).apiKey);
    assert.equal((await other.call('GET', `invoices/${mine.id}.json`)).status, 404);
    assert.equal(
      (await other.call('PUT', `invoices/${mine.id}/change-state.json`, { invoice: { state: 'finalized' } })).status,
      404,
    );
    assert.equal((await other.call('PUT', `invoices/${mine.id}.json`, large())).status, 404);
    assert.equal((await other.call('GET', `document/${mine.id}/related_documents.json`)).status, 404);
    assert.equal((await other.call('GET', 'invoices.json')).body.pagination.total_entries, 0);
    assert.equal((await ix.call('GET', `credit_notes/${mine.id}.json`)).status, 404);
    assert.equal((await ix.call('GET', 'invoices/999999.json')).status, 404);
    assert.equal((await ix.call('GET', 'invoices/abc.json')).status, 404);
    const xml = await ix.call('GET', 'invoices/999999.xml');
    assert.equal(xml.status, 404);
    assert.match(String(xml.headers['content-type']), /xml/);
    // vat_moss_invoices are invoices too.
    assert.equal((await ix.call('GET', `vat_moss_invoices/${mine.id}.json`)).body.vat_moss_invoice.id, mine.id);
  });
  it('bills a finalized quote or proforma named by owner_invoice_id: its pending lines, matched by name, linked both ways', async () => {
    const quote = (
      await ix.call('POST', 'quotes.json', {
        estimate: {
          date: '03/12/2025',
          client: { name: 'Cliente Orçamento', code: 'ORC-CLI' },
          items: [
            { name: 'Consultoria', unit_price: '50', quantity: '4', unit: 'hora', tax: { name: 'IVA23' } },
            { name: 'Deslocação', unit_price: '20', quantity: '1', tax: { name: 'IVA23' } },
          ],
        },
      })
    ).body.quote;
    const draftOwner = await ix.call('POST', 'invoices.json', { invoice: { owner_invoice_id: quote.id } });
    assert.equal(draftOwner.status, 422);
    assert.match(draftOwner.body.errors[0].error, /must be finalized/);
    assert.equal(
      (await ix.call('PUT', `quotes/${quote.id}/change-state.json`, { estimate: { state: 'finalized' } })).status,
      200,
    );

    // Items in the body pick origin lines by name, with their own quantities; the client is the quote's.
    const partial = await ix.call('POST', 'invoices.json', {
      invoice: {
        date: '04/12/2025',
        owner_invoice_id: quote.id,
        client: { name: 'Outro' },
        items: [{ name: 'Consultoria', unit_price: '50', quantity: '3' }],
      },
    });
    assert.equal(partial.status, 201, partial.text);
    const ft = partial.body.invoice;
    assert.deepEqual(
      ft.items.map((i: any) => [i.name, i.quantity, i.unit, i.tax.name]),
      [['Consultoria', '3.0', 'hora', 'IVA23']],
    );
    assert.equal(ft.client.name, 'Cliente Orçamento');
    assert.deepEqual([ft.before_taxes, ft.taxes, ft.total], [150, 34.5, 184.5]);
    assert.equal(
      (await ix.call('PUT', `invoices/${ft.id}/change-state.json`, { invoice: { state: 'finalized' } })).status,
      200,
    );
    const unknown = await ix.call('POST', 'invoices.json', {
      invoice: { owner_invoice_id: quote.id, items: [{ name: 'Nada', unit_price: '1', quantity: '1' }] },
    });
    assert.deepEqual(unknown.body.errors, [{ error: 'Item Nada is not on the owner document' }]);

    // Without items: every line with something pending, in what remains (1 of 4 hours, the trip).
    const rest = await ix.call('POST', 'invoice_receipts.json', { invoice: { owner_invoice_id: String(quote.id) } });
    assert.equal(rest.status, 201, rest.text);
    const fr = rest.body.invoice_receipt;
    assert.deepEqual(
      fr.items.map((i: any) => [i.name, i.quantity, i.unit_price]),
      [
        ['Consultoria', '1.0', '50.0'],
        ['Deslocação', '1.0', '20.0'],
      ],
    );
    assert.deepEqual([fr.before_taxes, fr.total], [70, 86.1]);
    assert.equal(
      (await ix.call('PUT', `invoice_receipts/${fr.id}/change-state.json`, { invoice: { state: 'finalized' } })).status,
      200,
    );
    const nothing = await ix.call('POST', 'simplified_invoices.json', { invoice: { owner_invoice_id: quote.id } });
    assert.equal(nothing.status, 422);
    assert.match(nothing.body.errors[0].error, /Nothing remains to invoice/);
    // Beyond what is pending: refused at finalize, as the core checks conversions.
    const over = (
      await ix.call('POST', 'invoices.json', {
        invoice: { owner_invoice_id: quote.id, items: [{ name: 'Deslocação', unit_price: '20', quantity: '1' }] },
      })
    ).body.invoice;
    const refused = await ix.call('PUT', `invoices/${over.id}/change-state.json`, { invoice: { state: 'finalized' } });
    assert.equal(refused.status, 422);

    const related = await ix.call('GET', `invoices/${ft.id}/related_documents.json`);
    assert.deepEqual(
      related.body.documents.map((d: any) => [d.id, d.type]),
      [[quote.id, 'Quote']],
    );
    const ofQuote = await ix.call('GET', `document/${quote.id}/related_documents.json`);
    assert.deepEqual(
      ofQuote.body.documents.map((d: any) => [d.id, d.type, d.status]).filter((d: any) => d[2] !== 'draft'),
      [
        [ft.id, 'Invoice', 'final'],
        [fr.id, 'InvoiceReceipt', 'settled'],
      ],
    );

    // A proforma too, into a simplified invoice; an invoice cannot bill another invoice.
    const pf = (
      await ix.call('POST', 'proformas.json', {
        estimate: {
          client: { name: 'Cliente PF', code: 'PF-CLI' },
          items: [{ name: 'Caixa', unit_price: '10', quantity: '2', tax: { name: 'IVA23' } }],
        },
      })
    ).body.proforma;
    await ix.call('PUT', `proformas/${pf.id}/change-state.json`, { estimate: { state: 'finalized' } });
    const fs = await ix.call('POST', 'simplified_invoices.json', { simplified_invoice: { owner_invoice_id: pf.id } });
    assert.equal(fs.status, 201, fs.text);
    assert.deepEqual([fs.body.simplified_invoice.items[0].quantity, fs.body.simplified_invoice.total], ['2.0', 24.6]);
    assert.equal((await ix.call('POST', 'invoices.json', { invoice: { owner_invoice_id: ft.id } })).status, 422);
  });

  it('serves the legacy v1 paths: /invoice/:id.xml, /invoice/:id/change-state.xml (PUT or POST) for every invoice type', async () => {
    const fs = (await ix.call('POST', 'simplified_invoices.json', large())).body.simplified_invoice;
    const got = await ix.call('GET', `invoice/${fs.id}.xml`);
    assert.equal(got.status, 200);
    assert.match(got.text, new RegExp(`^<\\?xml[^>]*>\\n<simplified_invoice><id>${fs.id}</id><status>draft</status>`));
    const body = '<?xml version="1.0" encoding="UTF-8"?><invoice><state>finalized</state></invoice>';
    const fin = await ix.call('PUT', `invoice/${fs.id}/change-state.xml`, body, { xml: true });
    assert.equal(fin.status, 200, fin.text);
    // Only invoice-receipts go draft→settled in InvoiceXpress: a simplified invoice is final, its amount open (#14).
    assert.equal(xmlValue(fin.text, 'status'), 'final');
    const cancel = '<invoice><state>canceled</state><message>Erro</message></invoice>';
    const c1 = await ix.call('POST', `simplified_invoice/${fs.id}/change-state.xml`, cancel, { xml: true });
    assert.equal(c1.status, 200, c1.text);
    assert.equal(xmlValue(c1.text, 'status'), 'canceled');
    assert.equal((await ix.call('GET', `simplified_invoice/${fs.id}.json`)).body.simplified_invoice.status, 'canceled');
    // The doc-typed singular paths serve their own type only; refusals keep the XML envelope.
    assert.equal((await ix.call('GET', `credit_note/${fs.id}.xml`)).status, 404);
    const again = await ix.call('PUT', `invoice/${fs.id}/change-state.xml`, body, { xml: true });
    assert.equal(again.status, 422);
    assert.match(again.text, /<errors><error>A canceled SimplifiedInvoice cannot be finalized<\/error><\/errors>/);
  });

  it('loads a list page in a constant number of queries, and gives XML lists their pagination', async () => {
    const client = (await ix.call('POST', 'clients.json', { client: { name: 'Cliente Lista', code: 'LISTA-50' } })).body
      .client;
    for (let i = 0; i < 50; i++) {
      const r = await ix.call(
        'POST',
        'invoices.json',
        large({ reference: 'lista', client: { name: 'Cliente Lista', code: 'LISTA-50' } }),
      );
      assert.equal(r.status, 201);
    }
    const executor = t.db.database.db.getExecutor() as unknown as {
      executeQuery: (...a: unknown[]) => Promise<unknown>;
    };
    const original = executor.executeQuery;
    let queries = 0;
    executor.executeQuery = function (this: unknown, ...a: unknown[]) {
      queries += 1;
      return original.apply(this, a);
    };
    const count = async (path: string, method = 'GET') => {
      queries = 0;
      const r = await ix.call(method, path);
      assert.equal(r.status, 200, r.text);
      return { n: queries, body: r.body };
    };
    try {
      const page = await count('invoices.json?reference=lista&per_page=50');
      assert.equal(page.body.invoices.length, 50);
      assert.ok(page.n <= 15, `${page.n} queries for a page of 50 invoices`);
      const ofClient = await count(`clients/${client.id}/invoices.json?per_page=50`, 'POST');
      assert.equal(ofClient.body.invoices.length, 50);
      assert.ok(ofClient.n <= 15, `${ofClient.n} queries for a client's page of 50`);
    } finally {
      executor.executeQuery = original;
    }

    const xml = await ix.call('GET', 'invoices.xml?reference=lista&per_page=20&page=2');
    assert.equal(xml.status, 200);
    assert.equal((xml.text.match(/<invoice><id>/g) ?? []).length, 20);
    assert.match(
      xml.text,
      /<\/invoice><current_page>2<\/current_page><total_pages>3<\/total_pages><total_entries>50<\/total_entries><per_page>20<\/per_page><results><current_page>2<\/current_page><entries>20<\/entries><total_entries>50<\/total_entries><total_pages>3<\/total_pages><per_page>20<\/per_page><\/results><\/invoices>$/,
    );
    const empty = await ix.call('GET', 'invoices.xml?type[]=Nothing');
    assert.match(
      empty.text,
      /<invoices type="array"><current_page>1<\/current_page><total_pages>1<\/total_pages><total_entries>0<\/total_entries>/,
    );
  });
});
