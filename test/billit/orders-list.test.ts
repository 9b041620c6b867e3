import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { billitAccounts, type BillitClient } from './billit-app.js';

// GET /v1/orders and /v1/orders/deleted of the Billit dialect (#17) on PGlite and PostgreSQL: paging past Billit's
// 120 without duplicates, NextPageLink under the request's prefix, the OData forms real clients send, GenericError.
let t: TestApp;
let key: string;
let billit: BillitClient;
let other: BillitClient;

interface Made {
  id: number;
  type: string;
  date: string;
  customer: string;
}
const made: Made[] = [];
let partyA = 0;

const customer = (name: string, vat: string) => ({
  Name: name,
  VATNumber: vat,
  Addresses: [
    {
      AddressType: 'InvoiceAddress',
      Street: 'Meir',
      StreetNumber: '1',
      Zipcode: '2000',
      City: 'Antwerpen',
      CountryCode: 'BE',
    },
  ],
});
const A = customer('Alfa Klant BV', 'BE0202239951');
const B = customer('Beta Client SA', 'BE0563846944');

async function create(type: string, date: string, who: typeof A, over: Record<string, unknown> = {}) {
  const r = await billit('POST', '/billit/v1/orders', {
    OrderType: type,
    OrderDirection: 'Income',
    OrderDate: date,
    Customer: who,
    OrderLines: [{ Quantity: 1, UnitPriceExcl: 10, Description: 'Box of cookies', VATPercentage: 21 }],
    ...over,
  });
  assert.equal(r.status, 200, r.text);
  made.push({ id: Number(r.text), type, date, customer: who.Name });
}

/** Invoices of one date through the native API, concurrently (fast to make; the same rows a Billit POST makes). */
async function invoices(n: number, date: string, who: typeof A) {
  const ids = await Promise.all(
    Array.from({ length: n }, async () => {
      const r = await t.call(
        'POST',
        '/v1/documents',
        {
          type: 'FT',
          finalize: true,
          date,
          customer: { name: who.Name, taxId: who.VATNumber, country: 'BE', city: 'Antwerpen' },
          lines: [{ description: 'Box of cookies', quantity: '1', unitPrice: '10', taxRate: '21' }],
        },
        { key },
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as number;
    }),
  );
  for (const id of ids) made.push({ id, type: 'Invoice', date, customer: who.Name });
}

before(async () => {
  t = await startTestApp();
  ({ key, billit, other } = await billitAccounts(t, 'billit-list'));
  // Invoices in date order (one series, dates never going back): 5 in 2025, 5 on 2026-01-01, 118 in February.
  await invoices(5, '2025-12-20', A);
  await invoices(5, '2026-01-01', B);
  for (let day = 1; day <= 20; day += 1) {
    const date = `2026-02-${String(day).padStart(2, '0')}`;
    await invoices(day <= 18 ? 3 : 2, date, A);
    await invoices(day <= 18 ? 3 : 2, date, B);
  }
  await create('Offer', '2026-03-01', A);
  const first = (await billit('GET', `/billit/v1/orders/${made[0]!.id}`)).json();
  partyA = first.Customer.PartyID;
  await create('CreditNote', '2026-03-02', A, { AboutInvoiceNumber: first.OrderNumber });
});
after(async () => {
  await t?.close();
});

/** Every page of a list, following NextPageLink verbatim (origin stripped: inject takes a path). */
async function allPages(url: string, client = billit): Promise<{ ids: number[]; pages: any[] }> {
  const pages: any[] = [];
  let next: string | null = url;
  while (next) {
    const r = await client('GET', next.replace(/^https?:\/\/[^/]+/, ''));
    assert.equal(r.status, 200, r.text);
    const body = r.json();
    pages.push(body);
    next = body.NextPageLink;
    assert.ok(pages.length < 10, 'the pages end');
  }
  return { ids: pages.flatMap((p) => p.Items.map((o: { OrderID: number }) => o.OrderID)), pages };
}

test('past 120 orders: $top clamped to 120, NextPageLink absolute under the prefix, no order twice or missed', async () => {
  const all = made.map((m) => m.id).sort((a, b) => a - b);
  const first = await billit('GET', '/billit/v1/orders?$top=200&$orderby=OrderDate desc');
  assert.equal(first.status, 200, first.text);
  const body = first.json();
  assert.equal(body.Items.length, 120, 'clamped to 120, not refused');
  assert.equal(body.Count, all.length);
  assert.match(body.NextPageLink, /^http:\/\/localhost\/billit\/v1\/orders\?/);
  assert.match(decodeURIComponent(body.NextPageLink), /\$skip=120/);
  // Many orders share a date: the id tie-break keeps the pages disjoint.
  const { ids, pages } = await allPages('/billit/v1/orders?$top=200&$orderby=OrderDate desc');
  assert.equal(pages.length, 2);
  assert.equal(pages[1].NextPageLink, null, 'null on the last page');
  assert.equal(new Set(ids).size, ids.length, 'no duplicates');
  assert.deepEqual(
    [...ids].sort((a, b) => a - b),
    all,
  );
  const dates = pages.flatMap((p) => p.Items.map((o: { OrderDate: string }) => o.OrderDate));
  assert.deepEqual(dates, [...dates].sort().reverse(), 'sorted by OrderDate desc across pages');
  // Smaller pages, default order, through the /v1/v1 prefix: the link keeps it.
  const small = await allPages('/billit/v1/v1/orders?$top=50');
  assert.equal(small.pages.length, 3);
  assert.match(small.pages[0].NextPageLink, /^http:\/\/localhost\/billit\/v1\/v1\/orders\?/);
  assert.deepEqual(small.ids, all, 'ascending ids by default');
});

test("E's wire form: %24-encoded options, + for spaces, %27 quotes, parentheses, a bare date", async () => {
  const r = await billit(
    'GET',
    '/billit/v1/orders?%24top=200&%24skip=0&%24filter=OrderType+eq+%27Invoice%27+and+%28OrderDate+gt+2026-01-01%29&%24orderby=OrderDate+desc',
  );
  assert.equal(r.status, 200, r.text);
  const body = r.json();
  const want = made.filter((m) => m.type === 'Invoice' && m.date > '2026-01-01');
  assert.equal(want.length, 116);
  assert.equal(body.Count, want.length);
  assert.equal(body.Items.length, 116);
  for (const o of body.Items) {
    assert.equal(o.OrderType, 'Invoice');
    assert.ok(o.OrderDate > '2026-01-02', o.OrderDate);
  }
  assert.equal(body.NextPageLink, null);
});

test("OData forms: DateTime'…'/datetime'…', double quotes, or, ne, several $orderby, CounterParty/PartyID", async () => {
  const q = async (filter: string, extra = '') => {
    const r = await billit('GET', `/billit/v1/orders?$filter=${encodeURIComponent(filter)}${extra}`);
    assert.equal(r.status, 200, `${filter}: ${r.text}`);
    return r.json();
  };
  const count = (f: (m: Made) => boolean) => made.filter(f).length;
  assert.equal(
    (await q("OrderDate ge DateTime'2026-01-01' and OrderDate le datetime'2026-01-01'")).Count,
    count((m) => m.date === '2026-01-01'),
  );
  assert.equal((await q('OrderType eq "CreditNote"')).Count, 1);
  const offersAndNotes = await q("(OrderType eq 'Offer' or OrderType eq 'CreditNote') and OrderDate ge 2026-03-01");
  assert.deepEqual(offersAndNotes.Items.map((o: { OrderType: string }) => o.OrderType).sort(), ['CreditNote', 'Offer']);
  assert.equal((await q("OrderType ne 'Invoice'")).Count, 2);
  assert.equal((await q("OrderDate lt 2026-01-01 or OrderType eq 'Offer'")).Count, 6);
  const mine = await q(`CounterParty/PartyID eq ${partyA}`, '&$top=120');
  assert.equal(
    mine.Count,
    count((m) => m.customer === A.Name),
  );
  assert.ok(mine.Items.every((o: { Customer: { Name: string } }) => o.Customer.Name === A.Name));
  // LastModified against an instant with a zone; Paid and IsSent as the order view shows them (the invoice the
  // credit note cancels out is paid).
  assert.equal((await q("LastModified ge datetime'2020-01-01T00:00:00Z' and IsSent eq false")).Count, made.length);
  const paid = await q('Paid eq true');
  const unpaid = await q('Paid ne true', '&$top=120');
  assert.ok(paid.Count >= 1);
  assert.equal(paid.Count + unpaid.Count, made.length);
  assert.ok(paid.Items.every((o: { Paid: boolean }) => o.Paid === true));
  assert.ok(unpaid.Items.every((o: { Paid: boolean }) => o.Paid === false));
  assert.equal((await q("LastModified lt DateTime'2020-01-01'")).Count, 0);
  // Two sort keys: type first, then date descending.
  const sorted = await q('OrderDate ge 2026-02-19', '&$orderby=OrderType asc, OrderDate desc');
  const keys = sorted.Items.map((o: { OrderType: string; OrderDate: string }) => `${o.OrderType}|${o.OrderDate}`);
  assert.deepEqual(
    keys,
    [...keys].sort((a: string, b: string) => {
      const [ta, da] = a.split('|');
      const [tb, db] = b.split('|');
      return ta! < tb! ? -1 : ta! > tb! ? 1 : da! < db! ? 1 : da! > db! ? -1 : 0;
    }),
  );
  assert.ok(keys.length >= 4);
  // OrderNumber and fullTextSearch.
  const one = (await billit('GET', `/billit/v1/orders/${made[7]!.id}`)).json();
  const byNumber = await q(`OrderNumber eq '${one.OrderNumber}'`);
  assert.deepEqual(
    byNumber.Items.map((o: { OrderID: number }) => o.OrderID),
    [one.OrderID],
  );
  const text = await billit('GET', '/billit/v1/orders?fullTextSearch=beta+client&$top=5');
  assert.equal(
    text.json().Count,
    count((m) => m.customer === B.Name),
  );
});

test("an unknown property answers Billit's GenericError text; a bad filter is a 400, never a 500", async () => {
  const r = await billit('GET', `/billit/v1/orders?$filter=${encodeURIComponent("VATNumber eq 'BE0202239951'")}`);
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json(), {
    errors: [
      {
        Code: 'GenericError',
        Description:
          "Could not find a property named 'VATNumber' on type 'Domain.Order.OrderPartyPerformanceSafeColumns'.",
      },
    ],
  });
  const sort = await billit('GET', '/billit/v1/orders?$orderby=Nope desc');
  assert.equal(sort.status, 400);
  assert.match(sort.json().errors[0].Description, /Could not find a property named 'Nope'/);
  for (const bad of ["OrderDate gt 'soon'", 'OrderType eq', "Paid eq 'maybe'", "OrderType eq 'Banana'"]) {
    const x = await billit('GET', `/billit/v1/orders?$filter=${encodeURIComponent(bad)}`);
    assert.equal(x.status, 400, `${bad}: ${x.text}`);
    assert.equal(x.json().errors[0].Code, 'GenericError');
  }
});

test("another party's list holds none of these orders; OrderDirection eq 'Cost' lists none here", async () => {
  const r = await other('GET', '/billit/v1/orders');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json().Count, r.json().Items, r.json().NextPageLink], [0, [], null]);
  const cost = await billit('GET', `/billit/v1/orders?$filter=${encodeURIComponent("OrderDirection eq 'Cost'")}`);
  assert.equal(cost.json().Count, 0);
  const income = await billit('GET', `/billit/v1/orders?$filter=${encodeURIComponent("OrderDirection eq 'Income'")}`);
  assert.equal(income.json().Count, made.length);
});
