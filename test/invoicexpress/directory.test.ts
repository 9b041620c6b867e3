import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { ixClient, type IxClient } from './client.js';

const today = () => new Date().toISOString().slice(0, 10);

describe('InvoiceXpress dialect: clients, items, taxes', () => {
  let t: TestApp;
  let ix: IxClient;
  let other: IxClient;
  before(async () => {
    t = await startTestApp();
    ix = ixClient(t, t.account.apiKey);
    other = ixClient(t, (await t.newAccount()).apiKey);
  });
  after(() => t.close());

  /** A finalized invoice of the native API for a contact, with one line of an item when given. */
  async function invoiceFor(contactId: number, extra: Record<string, unknown> = {}, itemId?: number) {
    const r = await t.call('POST', '/v1/documents', {
      type: 'FT',
      date: today(),
      contactId,
      finalize: true,
      lines: [
        { ...(itemId ? { itemId } : {}), description: 'Consultoria', quantity: '2', unitPrice: '50', taxName: 'IVA23' },
      ],
      ...extra,
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  }

  describe('clients', () => {
    let clientId: number;

    it("creates a client from InvoiceXpress's documented body and reads it back", async () => {
      const res = await ix.call('POST', 'clients.json', {
        client: {
          name: 'Client Name',
          code: '12345',
          email: 'foo@bar.com',
          language: 'pt',
          address: 'Avenida da República, Lisboa',
          city: 'Lisboa',
          postal_code: '1050-555',
          country: 'Portugal',
          fiscal_id: '508025338',
          website: 'www.invoicexpress.com',
          phone: '213456789',
          fax: '213456788',
          preferred_contact: { name: 'Bruce Norris', email: 'email@invoicexpress.com', phone: '213456789' },
          observations: 'Observations',
          send_options: '1',
          payment_days: 30,
        },
      });
      assert.equal(res.status, 201, res.text);
      const c = res.body.client;
      clientId = c.id;
      assert.deepEqual(
        { ...c, id: undefined },
        {
          id: undefined,
          name: 'Client Name',
          code: '12345',
          email: 'foo@bar.com',
          language: 'pt',
          address: 'Avenida da República, Lisboa',
          city: 'Lisboa',
          postal_code: '1050-555',
          country: 'Portugal',
          fiscal_id: '508025338',
          website: 'www.invoicexpress.com',
          phone: '213456789',
          fax: '',
          preferred_contact: { name: 'Bruce Norris', email: '', phone: '' },
          observations: 'Observations',
          send_options: '1',
          payment_days: 30,
          tax_exemption_code: null,
        },
      );
      const got = await ix.call('GET', `clients/${clientId}.json`);
      assert.equal(got.status, 200);
      assert.deepEqual(got.body.client, c);
    });

    it('accepts a country by code or name and shows its English name; a client without code gets its id', async () => {
      const res = await ix.call('POST', 'clients.json', {
        client: { name: 'Kunde GmbH', country: 'Alemanha', fiscal_id: 'DE123456789' },
      });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.body.client.country, 'Germany');
      assert.equal(res.body.client.code, String(res.body.client.id));
    });

    it("refuses bad clients with 422 in InvoiceXpress's words, writing nothing", async () => {
      const before = (await ix.call('GET', 'clients.json', undefined, { query: { per_page: '1' } })).body.pagination
        .total_entries;
      const bad = await ix.call('POST', 'clients.json', {
        client: { name: '', email: 'not-an-email', country: 'Germani' },
      });
      assert.equal(bad.status, 422);
      assert.deepEqual(
        bad.body.errors.map((e: { error: string }) => e.error),
        ["Name can't be blank", 'email must be an email address', 'Country Germani was not found'],
      );
      const taken = await ix.call('POST', 'clients.json', { client: { name: 'Outro', code: '12345' } });
      assert.equal(taken.status, 422);
      assert.deepEqual(taken.body, { errors: [{ error: 'Code has already been taken' }] });
      const nif = await ix.call('POST', 'clients.json', { client: { name: 'Outro', fiscal_id: '123456788' } });
      assert.equal(nif.status, 422);
      assert.match(nif.body.errors[0].error, /Fiscal ID 123456788 is not valid/);
      const noRoot = await ix.call('POST', 'clients.json', { name: 'Sem raiz' });
      assert.equal(noRoot.status, 422);
      assert.equal(
        (await ix.call('GET', 'clients.json', undefined, { query: { per_page: '1' } })).body.pagination.total_entries,
        before,
      );
    });

    it('finds clients by name and by code; 404 when none', async () => {
      const byName = await ix.call('GET', 'clients/find-by-name.json', undefined, {
        query: { client_name: 'Client Name' },
      });
      assert.equal(byName.status, 200);
      assert.equal(byName.body.client.id, clientId);
      const byCode = await ix.call('GET', 'clients/find-by-code.json', undefined, { query: { client_code: '12345' } });
      assert.equal(byCode.body.client.id, clientId);
      assert.equal(
        (await ix.call('GET', 'clients/find-by-code.json', undefined, { query: { client_code: 'nope' } })).status,
        404,
      );
      assert.equal(
        (await ix.call('GET', 'clients/find-by-name.json', undefined, { query: { client_name: 'Nobody' } })).status,
        404,
      );
      assert.equal(
        (await other.call('GET', 'clients/find-by-code.json', undefined, { query: { client_code: '12345' } })).status,
        404,
      );
    });

    it('lists clients with InvoiceXpress pagination', async () => {
      const page1 = await ix.call('GET', 'clients.json', undefined, { query: { page: '1', per_page: '2' } });
      assert.equal(page1.status, 200);
      assert.equal(page1.body.clients.length, 2);
      const total = page1.body.pagination.total_entries;
      assert.ok(total >= 3, 'the final consumer and the two clients created');
      assert.deepEqual(page1.body.pagination, {
        current_page: 1,
        total_pages: Math.ceil(total / 2),
        total_entries: total,
        per_page: 2,
      });
      const page2 = await ix.call('GET', 'clients.json', undefined, { query: { page: '2', per_page: '2' } });
      assert.notEqual(page2.body.clients[0].id, page1.body.clients[0].id);
    });

    it('updates only what the body carries, also from XML', async () => {
      const res = await ix.call('PUT', `clients/${clientId}.json`, {
        client: { city: 'Porto', postal_code: '4000-001' },
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.client.city, 'Porto');
      assert.equal(res.body.client.email, 'foo@bar.com');
      const xml = await ix.call('PUT', `clients/${clientId}.xml`, '<client><phone>229999999</phone></client>', {
        xml: true,
      });
      assert.equal(xml.status, 200, xml.text);
      assert.match(xml.text, /^<\?xml[^>]*>\s*<client><id>\d+<\/id><name>Client Name<\/name>/);
      assert.match(xml.text, /<phone>229999999<\/phone>/);
      assert.match(xml.text, /<preferred_contact><name>Bruce Norris<\/name>/);
      const badPc = await ix.call(
        'PUT',
        `clients/${clientId}.xml`,
        '<client><postal_code>0123-456</postal_code></client>',
        { xml: true },
      );
      assert.equal(badPc.status, 422);
      assert.match(badPc.text, /<errors><error>Postal code is invalid[^<]*<\/error><\/errors>/);
    });

    it("another account's client is unknown: 404 on get, put and invoices", async () => {
      assert.equal((await other.call('GET', `clients/${clientId}.json`)).status, 404);
      assert.equal((await other.call('PUT', `clients/${clientId}.json`, { client: { city: 'Faro' } })).status, 404);
      assert.equal((await other.call('POST', `clients/${clientId}/invoices.json`, {})).status, 404);
      assert.equal((await ix.call('GET', `clients/${clientId}.json`)).body.client.city, 'Porto');
      assert.equal((await ix.call('GET', 'clients/abc.json')).status, 404);
    });

    it("lists a client's invoices with the document view, filtered by status and type, paginated", async () => {
      const first = await invoiceFor(clientId);
      await invoiceFor(clientId);
      const draft = await t.call('POST', '/v1/documents', {
        type: 'FT',
        date: today(),
        contactId: clientId,
        lines: [{ description: 'Rascunho', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
      });
      assert.equal(draft.status, 201);
      const all = await ix.call('POST', `clients/${clientId}/invoices.json`, {}, { query: { per_page: '2' } });
      assert.equal(all.status, 200, all.text);
      assert.deepEqual(all.body.pagination, { current_page: 1, total_pages: 2, total_entries: 3, per_page: 2 });
      const finals = await ix.call('POST', `clients/${clientId}/invoices.json`, {
        filter: { status: ['final'], by_type: ['Invoice'], archived: ['non_archived'] },
      });
      assert.equal(finals.body.invoices.length, 2);
      const inv = finals.body.invoices.find((x: { id: number }) => x.id === first.id);
      assert.equal(inv.status, 'final');
      assert.equal(inv.type, 'Invoice');
      assert.equal(inv.total, 123);
      assert.equal(inv.client.code, '12345');
      const drafts = await ix.call('GET', `clients/${clientId}/invoices.json`, undefined, {
        query: { status: 'draft' },
      });
      assert.deepEqual(
        drafts.body.invoices.map((x: { id: number; status: string }) => [x.id, x.status]),
        [[draft.body.id, 'draft']],
      );
      const credit = await ix.call('POST', `clients/${clientId}/invoices.json`, {
        filter: { by_type: ['CreditNote'] },
      });
      assert.equal(credit.body.invoices.length, 0);
      const archived = await ix.call('POST', `clients/${clientId}/invoices.json`, {
        filter: { archived: ['archived'] },
      });
      assert.equal(archived.body.pagination.total_entries, 0);
      const badType = await ix.call('POST', `clients/${clientId}/invoices.json`, { filter: { by_type: ['Banana'] } });
      assert.equal(badType.status, 422);
    });

    it("a client's fiscal id cannot change once it has issued documents (422)", async () => {
      const res = await ix.call('PUT', `clients/${clientId}.json`, { client: { fiscal_id: '503340855' } });
      assert.equal(res.status, 422);
      assert.deepEqual(res.body, {
        errors: [{ error: "Fiscal ID can't be changed: the client has issued documents" }],
      });
      assert.equal((await ix.call('GET', `clients/${clientId}.json`)).body.client.fiscal_id, '508025338');
    });
  });

  describe('items', () => {
    let itemId: number;

    it('creates an item with unit and tax by name, reads, lists and updates it', async () => {
      const res = await ix.call('POST', 'items.json', {
        item: {
          name: 'SKU-1',
          description: 'Cortiça natural',
          unit_price: '12.5',
          unit: 'hour',
          tax: { name: 'IVA13' },
        },
      });
      assert.equal(res.status, 201, res.text);
      itemId = res.body.item.id;
      assert.deepEqual(
        { ...res.body.item, id: undefined, tax: { ...res.body.item.tax, id: undefined } },
        {
          id: undefined,
          name: 'SKU-1',
          description: 'Cortiça natural',
          unit_price: '12.5',
          unit: 'hour',
          tax: { id: undefined, name: 'IVA13', value: 13 },
        },
      );
      const unknownTax = await ix.call('POST', 'items.json', {
        item: { name: 'SKU-2', unit_price: 3, tax: { name: 'IVA99' } },
      });
      assert.equal(unknownTax.status, 201, unknownTax.text);
      assert.equal(unknownTax.body.item.tax.name, 'IVA23', 'an unknown tax name falls back to the default tax');
      assert.equal(unknownTax.body.item.description, 'SKU-2');

      const list = await ix.call('GET', 'items.json');
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.items.map((i: { name: string }) => i.name),
        ['SKU-1', 'SKU-2'],
      );
      assert.equal(list.body.pagination.total_entries, 2);

      const upd = await ix.call('PUT', `items/${itemId}.json`, {
        item: { unit_price: '15', description: 'Cortiça prensada' },
      });
      assert.equal(upd.status, 200, upd.text);
      assert.equal(upd.body.item.unit_price, '15.0');
      assert.equal(upd.body.item.unit, 'hour');
      const xml = await ix.call('GET', `items/${itemId}.xml`);
      assert.match(
        xml.text,
        /<item><id>\d+<\/id><name>SKU-1<\/name><description>Cortiça prensada<\/description><unit_price>15.0<\/unit_price>/,
      );
    });

    it('refuses bad items with 422 and a taken name', async () => {
      const bad = await ix.call('POST', 'items.json', { item: { name: '', unit_price: 'abc' } });
      assert.equal(bad.status, 422);
      assert.deepEqual(
        bad.body.errors.map((e: { error: string }) => e.error),
        ["Name can't be blank", 'unit_price is not a number'],
      );
      const neg = await ix.call('POST', 'items.json', { item: { name: 'SKU-3', unit_price: '-1' } });
      assert.deepEqual(neg.body.errors, [{ error: 'unit_price must be a number equal or greater than 0.0' }]);
      const taken = await ix.call('POST', 'items.json', { item: { name: 'SKU-1', unit_price: '1' } });
      assert.equal(taken.status, 422);
      assert.deepEqual(taken.body.errors, [{ error: 'Name has already been taken' }]);
    });

    it("another account's item is unknown: 404 on get, put and delete", async () => {
      assert.equal((await other.call('GET', `items/${itemId}.json`)).status, 404);
      assert.equal((await other.call('PUT', `items/${itemId}.json`, { item: { unit_price: '1' } })).status, 404);
      assert.equal((await other.call('DELETE', `items/${itemId}.json`)).status, 404);
      assert.equal((await ix.call('GET', `items/${itemId}.json`)).body.item.unit_price, '15.0');
    });

    it('deletes an unused item; an item used in documents cannot be deleted nor renamed (422)', async () => {
      const spare = (await ix.call('GET', 'items.json')).body.items.find((i: { name: string }) => i.name === 'SKU-2');
      assert.equal((await ix.call('DELETE', `items/${spare.id}.json`)).status, 200);
      assert.equal((await ix.call('GET', `items/${spare.id}.json`)).status, 404);
      const client = (await ix.call('POST', 'clients.json', { client: { name: 'Comprador' } })).body.client;
      await invoiceFor(client.id, {}, itemId);
      const del = await ix.call('DELETE', `items/${itemId}.json`);
      assert.equal(del.status, 422);
      assert.deepEqual(del.body.errors, [{ error: 'The item is used in documents and cannot be deleted' }]);
      const rename = await ix.call('PUT', `items/${itemId}.json`, { item: { name: 'SKU-NEW' } });
      assert.equal(rename.status, 422);
      assert.equal((await ix.call('GET', `items/${itemId}.json`)).body.item.name, 'SKU-1');
    });
  });

  describe('taxes', () => {
    let taxId: number;

    it('creates a tax (value as a string "x.0" in /taxes), reads and updates it', async () => {
      const res = await ix.call('POST', 'taxes.json', {
        tax: { name: 'IVA-ES', value: '21', region: 'Spain', code: 'NOR', default_tax: 0 },
      });
      assert.equal(res.status, 201, res.text);
      taxId = res.body.tax.id;
      assert.deepEqual(
        { ...res.body.tax, id: undefined },
        { id: undefined, name: 'IVA-ES', value: '21.0', region: 'ES', code: 'NOR', default_tax: 0 },
      );
      const got = await ix.call('GET', `taxes/${taxId}.json`);
      assert.deepEqual(got.body.tax, res.body.tax);
      const upd = await ix.call('PUT', `taxes/${taxId}.json`, { tax: { value: 10.5 } });
      assert.equal(upd.status, 200, upd.text);
      assert.equal(upd.body.tax.value, '10.5');
      const azores = await ix.call(
        'POST',
        'taxes.xml',
        '<tax><name>IVA-AC</name><value>16</value><region>PT-AC</region></tax>',
        { xml: true },
      );
      assert.equal(azores.status, 201, azores.text);
      assert.match(
        azores.text,
        /<tax><id>\d+<\/id><name>IVA-AC<\/name><value>16.0<\/value><region>PT-AC<\/region><code>NOR<\/code><default_tax>0<\/default_tax><\/tax>/,
      );
    });

    it('making a tax the default moves the default; the default cannot be deleted', async () => {
      const res = await ix.call('PUT', `taxes/${taxId}.json`, { tax: { default_tax: 1 } });
      assert.equal(res.body.tax.default_tax, 1);
      const list = await ix.call('GET', 'taxes.json');
      assert.deepEqual(
        list.body.taxes.filter((x: { default_tax: number }) => x.default_tax === 1).map((x: { id: number }) => x.id),
        [taxId],
      );
      const del = await ix.call('DELETE', `taxes/${taxId}.json`);
      assert.equal(del.status, 422);
      const back = list.body.taxes.find((x: { name: string }) => x.name === 'IVA23');
      assert.equal(
        (await ix.call('PUT', `taxes/${back.id}.json`, { tax: { default_tax: '1' } })).body.tax.default_tax,
        1,
      );
      assert.equal((await ix.call('DELETE', `taxes/${taxId}.json`)).status, 200);
      assert.equal((await ix.call('GET', `taxes/${taxId}.json`)).status, 404);
    });

    it("refuses bad taxes with 422; another account's tax is unknown", async () => {
      const bad = await ix.call('POST', 'taxes.json', {
        tax: { name: 'X', value: '150', region: 'Atlantis', code: 'ABC' },
      });
      assert.equal(bad.status, 422);
      assert.deepEqual(
        bad.body.errors.map((e: { error: string }) => e.error),
        [
          'Value must be a number between 0 and 99.9999',
          'Region Atlantis was not found',
          'Code must be one of NOR, INT, RED, OUT, ISE',
        ],
      );
      const taken = await ix.call('POST', 'taxes.json', { tax: { name: 'IVA23', value: '23' } });
      assert.deepEqual(taken.body.errors, [{ error: 'Name has already been taken' }]);
      const iva23 = (await ix.call('GET', 'taxes.json')).body.taxes.find((x: { name: string }) => x.name === 'IVA23');
      assert.equal((await other.call('GET', `taxes/${iva23.id}.json`)).status, 404);
      assert.equal((await other.call('PUT', `taxes/${iva23.id}.json`, { tax: { value: '5' } })).status, 404);
      assert.equal((await other.call('DELETE', `taxes/${iva23.id}.json`)).status, 404);
      const used = await ix.call(
        'DELETE',
        `taxes/${(await ix.call('GET', 'taxes.json')).body.taxes.find((x: { name: string }) => x.name === 'IVA13').id}.json`,
      );
      assert.equal(used.status, 422, 'IVA13 is the tax of item SKU-1');
    });
  });
});
