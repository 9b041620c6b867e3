import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { ixClient, type IxClient } from './client.js';

const TYPES = [
  { path: 'quotes', root: 'quote', type: 'Quote' },
  { path: 'proformas', root: 'proforma', type: 'Proforma' },
  { path: 'fees_notes', root: 'fees_note', type: 'FeesNote' },
] as const;

/** 24.3902 at 23% → 24.39 + 5.61 = 30 (seed 003's figures). */
const estimate = (extra: Record<string, unknown> = {}, root = 'estimate') => ({
  [root]: {
    date: '03/12/2025',
    due_date: '19/12/2025',
    reference: 'ORC-1',
    observations: 'Válido 15 dias',
    client: { name: 'Cliente Orçamentos', code: 'EST-1', country: 'Portugal' },
    items: [
      { name: 'Large', description: 'foo', unit_price: '24.3902', quantity: '1', unit: 'foo', tax: { name: 'IVA23' } },
    ],
    ...extra,
  },
});

describe('InvoiceXpress estimates: quotes, proformas, fees_notes', () => {
  let t: TestApp;
  let ix: IxClient;
  const create = async (path: string, body: unknown = estimate()) => {
    const r = await ix.call('POST', `${path}.json`, body);
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  const change = (path: string, id: number, state: string, message?: string, root = 'estimate') =>
    ix.call('PUT', `${path}/${id}/change-state.json`, { [root]: { state, ...(message ? { message } : {}) } });
  /** A quote moved to `status` through the allowed transitions. */
  const quoteIn = async (status: 'draft' | 'final' | 'accepted' | 'refused' | 'canceled') => {
    const id = (await create('quotes')).quote.id;
    if (status === 'draft') return id;
    assert.equal((await change('quotes', id, 'finalized')).status, 200);
    if (status === 'accepted') assert.equal((await change('quotes', id, 'accept')).status, 200);
    if (status === 'refused') assert.equal((await change('quotes', id, 'refuse')).status, 200);
    if (status === 'canceled') assert.equal((await change('quotes', id, 'canceled', 'Cliente desistiu')).status, 200);
    return id;
  };

  before(async () => {
    t = await startTestApp();
    ix = ixClient(t, t.account.apiKey);
  });
  after(() => t.close());

  it('creates, gets, updates and lists each estimate type in JSON, under the doc-typed and generic roots', async () => {
    for (const x of TYPES) {
      const created = await create(x.path);
      assert.deepEqual(Object.keys(created), [x.root, 'estimate']);
      const e = created[x.root];
      assert.deepEqual(created.estimate, e);
      assert.equal(e.status, 'draft');
      assert.equal(e.type, x.type);
      assert.equal(e.sequence_number, 'draft');
      assert.equal(e.date, '03/12/2025');
      assert.equal(e.due_date, '19/12/2025');
      assert.equal(e.reference, 'ORC-1');
      assert.equal(e.client.name, 'Cliente Orçamentos');
      assert.equal(e.client.country, 'Portugal');
      assert.deepEqual([e.sum, e.before_taxes, e.taxes, e.total], [24.39, 24.39, 5.61, 30]);
      assert.equal(e.items[0].unit_price, '24.3902');

      const got = await ix.call('GET', `${x.path}/${e.id}.json`);
      assert.equal(got.status, 200);
      assert.deepEqual(got.body[x.root], e);

      // The doc-typed root is accepted too; only what the body carries changes.
      const upd = await ix.call('PUT', `${x.path}/${e.id}.json`, {
        [x.root]: {
          reference: 'ORC-2',
          items: [{ name: 'Small', unit_price: '10', quantity: '2', tax: { name: 'IVA23' } }],
        },
      });
      assert.equal(upd.status, 200, upd.text);
      const u = upd.body[x.root];
      assert.equal(u.reference, 'ORC-2');
      assert.equal(u.observations, 'Válido 15 dias');
      assert.equal(u.client.name, 'Cliente Orçamentos');
      assert.deepEqual(
        u.items.map((i: any) => [i.name, i.quantity]),
        [['Small', '2.0']],
      );
      assert.deepEqual([u.before_taxes, u.taxes, u.total], [20, 4.6, 24.6]);

      const own = await ix.call('GET', `${x.path}.json`);
      assert.equal(own.status, 200);
      assert.ok(own.body[x.path].every((d: any) => d.type === x.type));
      assert.ok(own.body[x.path].some((d: any) => d.id === e.id));
    }
    const all = await ix.call('GET', 'estimates.json', undefined, { query: { per_page: '2' } });
    assert.equal(all.status, 200);
    assert.equal(all.body.estimates.length, 2);
    assert.deepEqual(all.body.pagination, { current_page: 1, total_pages: 2, total_entries: 3, per_page: 2 });
    const proformas = await ix.call('GET', 'estimates.json?type[]=Proforma');
    assert.deepEqual(
      proformas.body.estimates.map((d: any) => d.type),
      ['Proforma'],
    );
    const byText = await ix.call('GET', 'estimates.json', undefined, {
      query: { text: 'ORC-2', 'date[from]': '01/12/2025', 'date[to]': '31/12/2025' },
    });
    assert.equal(byText.body.pagination.total_entries, 3);
    const later = await ix.call('GET', 'estimates.json', undefined, { query: { 'date[from]': '04/12/2025' } });
    assert.equal(later.body.pagination.total_entries, 0);
    // Estimates are not invoices: never in /invoices.json.
    const invoices = await ix.call('GET', 'invoices.json');
    assert.equal(invoices.status, 200);
    assert.equal(invoices.body.invoices.length, 0);
  });

  it('creates a quote from XML and answers XML under the <quote> root', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<estimate><date>05/12/2025</date><due_date>20/12/2025</due_date><reference>XML-1</reference>
<client><name>Cliente XML</name><code>X1</code></client>
<items type="array"><item><name>Widget</name><description>Widget azul</description><unit_price>10.0</unit_price><quantity>3.0</quantity><tax><name>IVA23</name></tax></item></items>
</estimate>`;
    const res = await ix.call('POST', 'quotes.xml', xml, { xml: true });
    assert.equal(res.status, 201, res.text);
    assert.match(String(res.headers['content-type']), /application\/xml/);
    assert.match(
      res.text,
      /^<\?xml[^>]*>\s*<quote><id>\d+<\/id><status>draft<\/status><archived>false<\/archived><type>Quote<\/type>/,
    );
    assert.match(res.text, /<reference>XML-1<\/reference>/);
    assert.match(res.text, /<before_taxes>30\.0<\/before_taxes><taxes>6\.9<\/taxes><total>36\.9<\/total>/);
  });

  it("allows exactly InvoiceXpress's estimate transitions, and persists accepted/refused", async () => {
    // draft → final, final → accepted → refused → accepted → canceled
    const id = await quoteIn('draft');
    const fin = await change('quotes', id, 'finalized');
    assert.equal(fin.status, 200, fin.text);
    assert.equal(fin.body.quote.status, 'final');
    assert.match(fin.body.quote.sequence_number, /^\d+\/.+/);
    const acc = await change('quotes', id, 'accept');
    assert.equal(acc.body.quote.status, 'accepted');
    assert.equal((await ix.call('GET', `quotes/${id}.json`)).body.quote.status, 'accepted');
    const ref = await change('quotes', id, 'refuse', undefined, 'quote');
    assert.equal(ref.status, 200, ref.text);
    assert.equal(ref.body.quote.status, 'refused');
    assert.equal((await ix.call('GET', `quotes/${id}.json`)).body.quote.status, 'refused');
    assert.equal((await change('quotes', id, 'accept')).body.quote.status, 'accepted');
    const noMessage = await change('quotes', id, 'canceled');
    assert.equal(noMessage.status, 422);
    assert.deepEqual(noMessage.body, { errors: [{ error: 'A message is required to cancel a document' }] });
    const can = await change('quotes', id, 'canceled', 'Cliente desistiu');
    assert.equal(can.status, 200, can.text);
    assert.equal(can.body.quote.status, 'canceled');

    // final → refused, refused → canceled, final → canceled
    const r = await quoteIn('refused');
    assert.equal((await change('quotes', r, 'canceled', 'Sem resposta')).body.quote.status, 'canceled');
    const f = await quoteIn('final');
    assert.equal((await change('quotes', f, 'canceled', 'Erro')).body.quote.status, 'canceled');
    // draft → deleted
    const d = await quoteIn('draft');
    const del = await change('quotes', d, 'deleted');
    assert.equal(del.status, 200);
    assert.equal(del.body.quote.status, 'deleted');
    assert.equal((await ix.call('GET', `quotes/${d}.json`)).status, 404);

    // Everything else is refused with a 422, and nothing changes.
    const refused: [Parameters<typeof quoteIn>[0], string][] = [
      ['draft', 'accept'],
      ['draft', 'refuse'],
      ['draft', 'canceled'],
      ['final', 'finalized'],
      ['final', 'deleted'],
      ['accepted', 'accept'],
      ['accepted', 'finalized'],
      ['accepted', 'deleted'],
      ['refused', 'refuse'],
      ['refused', 'deleted'],
      ['canceled', 'accept'],
      ['canceled', 'refuse'],
      ['canceled', 'canceled'],
      ['canceled', 'finalized'],
      ['final', 'settled'],
      ['final', 'nonsense'],
    ];
    for (const [from, state] of refused) {
      const q = await quoteIn(from);
      const res = await change('quotes', q, state, 'porque sim');
      assert.equal(res.status, 422, `${from} → ${state}: ${res.text}`);
      assert.equal(res.body.errors.length, 1);
      assert.equal(
        (await ix.call('GET', `quotes/${q}.json`)).body.quote.status,
        from,
        `${from} → ${state} left it as it was`,
      );
    }
  });

  it('filters by status, including accepted and refused', async () => {
    const other = await t.newAccount();
    const c = ixClient(t, other.apiKey);
    const make = async (state?: string) => {
      const id = (await c.call('POST', 'proformas.json', estimate())).body.proforma.id;
      if (state) await c.call('PUT', `proformas/${id}/change-state.json`, { estimate: { state: 'finalized' } });
      if (state && state !== 'finalized')
        await c.call('PUT', `proformas/${id}/change-state.json`, { estimate: { state } });
      return id;
    };
    const draft = await make();
    const final = await make('finalized');
    const accepted = await make('accept');
    const refusedId = await make('refuse');
    const ids = async (query: string) =>
      (await c.call('GET', `estimates.json?${query}`)).body.estimates.map((e: any) => e.id).sort();
    assert.deepEqual(await ids('status[]=draft'), [draft]);
    assert.deepEqual(await ids('status[]=accepted'), [accepted]);
    assert.deepEqual(await ids('status[]=refused'), [refusedId]);
    assert.deepEqual(
      await ids('status[]=draft&status[]=final&status[]=accepted&status[]=refused'),
      [draft, final, accepted, refusedId].sort(),
    );
    assert.deepEqual(await ids('status[]=canceled'), []);
    assert.deepEqual(await ids('type[]=Invoice'), []);
    // `final` alone is neither accepted nor refused; asked with one of them, that one joins.
    assert.deepEqual(await ids('status[]=final'), [final]);
    assert.deepEqual(await ids('status[]=final&status[]=accepted'), [final, accepted].sort());
    assert.deepEqual(await ids('status[]=final&status[]=refused'), [final, refusedId].sort());
    // An accepted estimate canceled afterwards is canceled, whatever its commercial state was.
    const canceled = await make('accept');
    await c.call('PUT', `proformas/${canceled}/change-state.json`, {
      estimate: { state: 'canceled', message: 'Desistiu' },
    });
    assert.deepEqual(await ids('status[]=final&status[]=canceled'), [final, canceled].sort());
    assert.deepEqual(await ids('status[]=draft&status[]=final'), [draft, final].sort());
  });

  it("answers 404 for another account's estimate and for an estimate read as another type", async () => {
    const id = (await create('quotes')).quote.id;
    const other = await t.newAccount();
    const c = ixClient(t, other.apiKey);
    for (const [m, p, b] of [
      ['GET', `quotes/${id}.json`],
      ['PUT', `quotes/${id}.json`, estimate()],
      ['PUT', `quotes/${id}/change-state.json`, { estimate: { state: 'finalized' } }],
    ] as const) {
      const res = await c.call(m, p, b);
      assert.equal(res.status, 404, `${m} ${p}`);
      assert.deepEqual(Object.keys(res.body), ['errors']);
    }
    assert.equal((await c.call('GET', 'estimates.json')).body.estimates.length, 0);
    assert.equal((await ix.call('GET', `proformas/${id}.json`)).status, 404);
    assert.equal((await ix.call('GET', `invoices/${id}.json`)).status, 404);
    assert.equal((await ix.call('GET', 'quotes/abc.json')).status, 404);
    // Unchanged by the other account's attempts.
    assert.equal((await ix.call('GET', `quotes/${id}.json`)).body.quote.status, 'draft');
  });

  it('creates one estimate per proprietary_uid, whatever is sent again', async () => {
    const first = await create('fees_notes', { ...estimate(), proprietary_uid: 'honorarios-42' });
    const again = await ix.call('POST', 'fees_notes.json', {
      ...estimate({ reference: 'outra' }),
      proprietary_uid: 'honorarios-42',
    });
    assert.equal(again.body.fees_note.id, first.fees_note.id);
    assert.equal(again.body.fees_note.reference, 'ORC-1');
    const list = await ix.call('GET', 'fees_notes.json');
    assert.equal(list.body.fees_notes.filter((e: any) => e.id === first.fees_note.id).length, 1);
  });

  it('refuses bad bodies with 422 in the envelope and writes nothing', async () => {
    const before = (await ix.call('GET', 'estimates.json')).body.pagination.total_entries;
    const bad = await ix.call(
      'POST',
      'quotes.json',
      estimate({ items: [{ name: '', unit_price: 'abc', quantity: '0' }] }),
    );
    assert.equal(bad.status, 422);
    assert.ok(bad.body.errors.length >= 2, bad.text);
    const noRoot = await ix.call('POST', 'quotes.json', { invoice: {} });
    assert.equal(noRoot.status, 422);
    const finalPut = await quoteIn('final');
    const put = await ix.call('PUT', `quotes/${finalPut}.json`, estimate());
    assert.equal(put.status, 422);
    assert.match(put.body.errors[0].error, /Only draft documents can be updated/);
    assert.equal((await ix.call('GET', 'estimates.json')).body.pagination.total_entries, before + 1);
  });
});
