import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { drainAll, startAtEnv, type AtAccount, type AtEnv } from '../at/at-env.js';
import { ixClient, type IxClient } from './client.js';

const TYPES = [
  { path: 'shippings', root: 'shipping', type: 'Shipping', core: 'GR' },
  { path: 'transports', root: 'transport', type: 'Transport', core: 'GT' },
  { path: 'devolutions', root: 'devolution', type: 'Devolution', core: 'GD' },
] as const;

/** dd/mm/yyyy `days` from today in Lisbon (the date the dialect takes as today). */
function ixDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-GB', { timeZone: 'Europe/Lisbon' });
}

const guide = (root: string, extra: Record<string, unknown> = {}) => ({
  [root]: {
    date: ixDay(0),
    due_date: ixDay(7),
    loaded_at: `${ixDay(1)} 10:30:00`,
    license_plate: '11-aa-22',
    address_from: { detail: 'Armazém Central, Rua A 1', city: 'Lisboa', postal_code: '1000-001', country: 'Portugal' },
    address_to: { detail: 'Avenida 10', city: 'Porto', postal_code: '4000-001', country: 'Portugal' },
    reference: 'ENC-7',
    observations: 'Frágil',
    client: { name: 'Cliente Guias, Lda', code: 'G1', fiscal_id: '503340855', country: 'Portugal' },
    items: [
      {
        name: 'Paletes',
        description: 'Paletes de cortiça',
        unit_price: '12.5',
        quantity: '10',
        tax: { name: 'IVA23' },
      },
    ],
    ...extra,
  },
});

describe('InvoiceXpress guides: shippings, transports, devolutions', skipUnlessFakeAt(), () => {
  let env: AtEnv;
  let ix: IxClient;
  let at: AtAccount;
  const create = async (path: string, body: unknown) => {
    const r = await ix.call('POST', `${path}.json`, body);
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  const change = (c: IxClient, path: string, id: number, state: string, message?: string, root = 'shipping') =>
    c.call('PUT', `${path}/${id}/change-state.json`, { [root]: { state, ...(message ? { message } : {}) } });

  before(async () => {
    env = await startAtEnv();
    ix = ixClient(env.t, env.t.account.apiKey);
    at = await env.account({ transport: true });
  });
  after(async () => {
    await env?.close();
  });

  it('creates, gets, updates and lists each guide type, with the transport fields', async () => {
    for (const x of TYPES) {
      const created = await create(x.path, guide(x.root));
      assert.deepEqual(Object.keys(created), [x.root, 'guide']);
      const g = created[x.root];
      assert.deepEqual(created.guide, g);
      assert.equal(g.status, 'draft');
      assert.equal(g.type, x.type);
      assert.equal(g.date, ixDay(0));
      assert.equal(g.due_date, ixDay(7));
      assert.equal(g.loaded_at, `${ixDay(1)} 10:30:00`);
      assert.equal(g.license_plate, '11-AA-22');
      assert.deepEqual(g.address_from, {
        detail: 'Armazém Central, Rua A 1',
        city: 'Lisboa',
        postal_code: '1000-001',
        country: 'Portugal',
      });
      assert.deepEqual(g.address_to, {
        detail: 'Avenida 10',
        city: 'Porto',
        postal_code: '4000-001',
        country: 'Portugal',
      });
      assert.equal(g.at_doc_code_id, '');
      assert.equal(g.client.fiscal_id, '503340855');
      assert.deepEqual([g.before_taxes, g.taxes, g.total], [125, 28.75, 153.75]);

      assert.deepEqual((await ix.call('GET', `${x.path}/${g.id}.json`)).body[x.root], g);

      // Only what the body carries changes (items are always sent, as for invoices); the generic `guide` root is accepted.
      const upd = await ix.call('PUT', `${x.path}/${g.id}.json`, {
        guide: {
          license_plate: '22-BB-33',
          address_to: { detail: 'Rua Nova 5', city: 'Braga', postal_code: '4700-001', country: 'Portugal' },
          items: [{ name: 'Paletes', unit_price: '12.5', quantity: '8', tax: { name: 'IVA23' } }],
        },
      });
      assert.equal(upd.status, 200, upd.text);
      const u = upd.body[x.root];
      assert.equal(u.license_plate, '22-BB-33');
      assert.equal(u.address_to.city, 'Braga');
      assert.equal(u.address_from.city, 'Lisboa');
      assert.equal(u.loaded_at, `${ixDay(1)} 10:30:00`);
      assert.deepEqual(
        u.items.map((i: any) => [i.name, i.quantity]),
        [['Paletes', '8.0']],
      );
      assert.equal(u.total, 123);
      assert.equal(u.reference, 'ENC-7');

      const own = await ix.call('GET', `${x.path}.json`);
      assert.deepEqual(
        own.body[x.path].map((d: any) => d.id),
        [g.id],
      );
    }
    const all = await ix.call('GET', 'guides.json');
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.guides.map((d: any) => d.type).sort(), ['Devolution', 'Shipping', 'Transport']);
    assert.deepEqual(all.body.pagination, { current_page: 1, total_pages: 1, total_entries: 3, per_page: 20 });
    const transports = await ix.call('GET', 'guides.json?type[]=Transport&status[]=draft');
    assert.deepEqual(
      transports.body.guides.map((d: any) => d.type),
      ['Transport'],
    );
    assert.equal((await ix.call('GET', 'guides.json?status[]=final')).body.guides.length, 0);
    assert.equal((await ix.call('GET', 'guides.json?type[]=Quote')).body.guides.length, 0);
    // Guides are neither invoices nor estimates.
    assert.equal((await ix.call('GET', 'invoices.json')).body.invoices.length, 0);
    assert.equal((await ix.call('GET', 'estimates.json')).body.estimates.length, 0);
  });

  it('creates a shipping from XML and answers XML under <shipping>', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<shipping><date>${ixDay(0)}</date><due_date>${ixDay(0)}</due_date><loaded_at>${ixDay(0)} 23:59:00</loaded_at><license_plate>AA-00-BB</license_plate>
<address_from><detail>Rua 5</detail><city>Lisboa</city><postal_code>1000-555</postal_code><country>Portugal</country></address_from>
<address_to><detail>Avenida 10</detail><city>Porto</city><postal_code>2000-555</postal_code><country>Portugal</country></address_to>
<client><name>Client Name</name><code>A1</code></client>
<items type="array"><item><name>Item Name</name><description>Item Description</description><unit_price>100</unit_price><quantity>5</quantity></item></items>
</shipping>`;
    const res = await ix.call('POST', 'shippings.xml', xml, { xml: true });
    assert.equal(res.status, 201, res.text);
    assert.match(
      res.text,
      /^<\?xml[^>]*>\s*<shipping><id>\d+<\/id><status>draft<\/status><archived>false<\/archived><type>Shipping<\/type>/,
    );
    assert.match(
      res.text,
      /<license_plate>AA-00-BB<\/license_plate><address_from><detail>Rua 5<\/detail><city>Lisboa<\/city><postal_code>1000-555<\/postal_code><country>Portugal<\/country><\/address_from>/,
    );
    assert.match(res.text, /<before_taxes>500\.0<\/before_taxes><taxes>115\.0<\/taxes><total>615\.0<\/total>/);
  });

  it("takes any guide root on any guide type (InvoiceXpress's docs post a shipping body to /transports.json)", async () => {
    const t1 = await create('transports', guide('shipping'));
    assert.deepEqual(Object.keys(t1), ['transport', 'guide']);
    assert.equal(t1.transport.type, 'Transport');
    assert.equal(t1.transport.license_plate, '11-AA-22');
    const d1 = await create('devolutions', guide('transport', { reference: 'DEV-1' }));
    assert.equal(d1.devolution.reference, 'DEV-1');
    const x = await ix.call(
      'POST',
      'shippings.xml',
      `<devolution><date>${ixDay(0)}</date><loaded_at>${ixDay(0)} 23:00:00</loaded_at><license_plate>AA-00-BB</license_plate>` +
        '<address_from><detail>Rua 5</detail><city>Lisboa</city><postal_code>1000-555</postal_code><country>Portugal</country></address_from>' +
        '<address_to><detail>Avenida 10</detail><city>Porto</city><postal_code>2000-555</postal_code><country>Portugal</country></address_to>' +
        `<client><name>C</name><code>C-X</code></client><items type="array"><item><name>Peça</name><unit_price>1</unit_price><quantity>1</quantity></item></items></devolution>`,
      { xml: true },
    );
    assert.equal(x.status, 201, x.text);
    assert.match(
      x.text,
      /<shipping><id>\d+<\/id><status>draft<\/status><archived>false<\/archived><type>Shipping<\/type>/,
    );
    const none = await ix.call('POST', 'transports.json', { estimate: guide('x').x });
    assert.deepEqual(none.body.errors, [{ error: 'The transport element is missing' }]);
  });

  it('allows exactly finalized, deleted and canceled; everything else is a 422', async () => {
    const draft = async () => (await create('transports', guide('transport'))).transport.id;
    const status = async (id: number) => (await ix.call('GET', `transports/${id}.json`)).body.transport.status;

    const id = await draft();
    const fin = await change(ix, 'transports', id, 'finalized', undefined, 'transport');
    assert.equal(fin.status, 200, fin.text);
    assert.equal(fin.body.transport.status, 'final');
    assert.match(fin.body.transport.sequence_number, /^\d+\/.+/);
    // Finalized guides are not editable, nor finalized or deleted again.
    assert.equal((await ix.call('PUT', `transports/${id}.json`, guide('transport'))).status, 422);
    for (const state of ['finalized', 'deleted', 'settled', 'accept', 'bogus']) {
      const r = await change(ix, 'transports', id, state, 'x', 'guide');
      assert.equal(r.status, 422, `final → ${state}`);
    }
    const noMessage = await change(ix, 'transports', id, 'canceled');
    assert.equal(noMessage.status, 422);
    assert.deepEqual(noMessage.body, { errors: [{ error: 'A message is required to cancel a document' }] });
    assert.equal(await status(id), 'final');
    const can = await change(ix, 'transports', id, 'canceled', 'Carga não saiu');
    assert.equal(can.status, 200, can.text);
    assert.equal(can.body.transport.status, 'canceled');
    for (const state of ['canceled', 'finalized', 'deleted'])
      assert.equal((await change(ix, 'transports', id, state, 'x')).status, 422, `canceled → ${state}`);
    assert.equal(await status(id), 'canceled');

    const d = await draft();
    for (const state of ['canceled', 'settled', 'refuse'])
      assert.equal((await change(ix, 'transports', d, state, 'x')).status, 422, `draft → ${state}`);
    assert.equal(await status(d), 'draft');
    const del = await change(ix, 'transports', d, 'deleted', undefined, 'devolution');
    assert.equal(del.status, 200);
    assert.equal(del.body.transport.status, 'deleted');
    assert.equal((await ix.call('GET', `transports/${d}.json`)).status, 404);
  });

  it('communicates a guide finalized through the route to AT and shows its AT code', async () => {
    const series = (await at.call('GET', '/v1/series')).body[0];
    const reg = await at.call('POST', `/v1/series/${series.id}/register`, { docType: 'GT' });
    assert.equal(reg.status, 200, JSON.stringify(reg.body));
    const code = reg.body.registration.validationCode;
    const c = ixClient(env.t, at.apiKey);
    const created = await c.call('POST', 'transports.json', guide('transport'));
    assert.equal(created.status, 201, created.text);
    const id = created.body.transport.id;
    const fin = await change(c, 'transports', id, 'finalized');
    assert.equal(fin.status, 200, fin.text);
    assert.equal(fin.body.transport.atcud, `${code}-1`);
    assert.equal(fin.body.transport.at_doc_code_id, '', 'not yet: AT is called after the commit');

    await drainAll(env.t);
    const sent = env.fake.requestsFor('envioDocumentoTransporteRequestElem').at(-1)!;
    assert.equal(sent.body.MovementType, 'GT');
    assert.equal(sent.body.ATCUD, `${code}-1`);
    assert.equal(sent.body.VehicleID, '11-AA-22');
    assert.equal(sent.body.AddressFrom.Addressdetail, 'Armazém Central, Rua A 1');
    assert.equal(sent.body.AddressTo.City, 'Porto');
    assert.match(sent.body.MovementStartTime, /T10:30:00$/);
    const atCode = env.fake.transportDocs.get(`${at.nif}|${sent.body.DocumentNumber}`)!.atDocCodeId;
    assert.ok(atCode);
    const got = await c.call('GET', `transports/${id}.json`);
    assert.equal(got.body.transport.at_doc_code_id, atCode);
    assert.match(
      (await c.call('GET', `transports/${id}.xml`)).text,
      new RegExp(`<at_doc_code_id>${atCode}</at_doc_code_id>`),
    );
  });

  it("answers the core's transport rules as 422s in the envelope, and writes nothing", async () => {
    const before = (await ix.call('GET', 'guides.json')).body.pagination.total_entries;
    const early = await ix.call('POST', 'shippings.json', guide('shipping', { loaded_at: `${ixDay(-1)} 19:00:00` }));
    assert.equal(early.status, 422);
    assert.deepEqual(early.body, { errors: [{ error: 'loaded_at must be on or after the document date' }] });

    const noAddresses = await ix.call(
      'POST',
      'shippings.json',
      guide('shipping', { address_from: undefined, address_to: undefined }),
    );
    assert.equal(noAddresses.status, 422);
    assert.deepEqual(
      noAddresses.body.errors.map((e: any) => e.error),
      ['address_from required on transport documents', 'address_to required on transport documents'],
    );

    const noPlate = await ix.call(
      'POST',
      'transports.json',
      guide('transport', { license_plate: '', loaded_at: undefined }),
    );
    assert.equal(noPlate.status, 422);
    assert.deepEqual(
      noPlate.body.errors.map((e: any) => e.error),
      ['loaded_at required on transport documents', 'license_plate required on transport documents'],
    );

    const garbled = await ix.call(
      'POST',
      'transports.json',
      guide('transport', {
        loaded_at: 'amanhã',
        address_to: { detail: 'X', city: 'Y', country: 'Atlantis' },
        items: [{ name: 'P', unit_price: 'abc', quantity: '1' }],
      }),
    );
    assert.equal(garbled.status, 422);
    assert.deepEqual(
      garbled.body.errors.map((e: any) => e.error).sort(),
      ['Country Atlantis was not found', 'loaded_at is invalid', 'unit_price must be a number'].sort(),
    );

    const xml = await ix.call('POST', 'devolutions.xml', '<devolution><date>01/01/2025</date></devolution>', {
      xml: true,
    });
    assert.equal(xml.status, 422);
    assert.match(xml.text, /<errors><error>/);
    assert.equal((await ix.call('GET', 'guides.json')).body.pagination.total_entries, before);
  });

  it("answers 404 for another account's guide and for a guide read as another type", async () => {
    const id = (await create('shippings', guide('shipping'))).shipping.id;
    const c = ixClient(env.t, at.apiKey);
    for (const [m, p, b] of [
      ['GET', `shippings/${id}.json`],
      ['PUT', `shippings/${id}.json`, guide('shipping')],
      ['PUT', `shippings/${id}/change-state.json`, { shipping: { state: 'finalized' } }],
    ] as const) {
      const res = await c.call(m, p, b);
      assert.equal(res.status, 404, `${m} ${p}`);
    }
    assert.ok((await c.call('GET', 'guides.json')).body.guides.every((g: any) => g.id !== id));
    assert.equal((await ix.call('GET', `transports/${id}.json`)).status, 404);
    assert.equal((await ix.call('GET', `quotes/${id}.json`)).status, 404);
    assert.equal((await ix.call('GET', `shippings/${id}.json`)).body.shipping.status, 'draft');
  });
});
