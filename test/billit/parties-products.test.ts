import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { billitAccounts, type BillitClient } from './billit-app.js';

// Billit's /v1/parties and /v1/products (#17) over the core's contacts and items, on PGlite and PostgreSQL.
let t: TestApp;
let billit: BillitClient;
let other: BillitClient;
before(async () => {
  t = await startTestApp();
  ({ billit, other } = await billitAccounts(t, 'billit-parties'));
});
after(async () => {
  await t?.close();
});

const party = (over: Record<string, unknown> = {}) => ({
  Name: 'Klant BV',
  VATNumber: 'BE0202239951',
  PartyType: 'Customer',
  Email: 'boekhouding@klant.be',
  Language: 'NL',
  Addresses: [
    {
      AddressType: 'InvoiceAddress',
      Street: 'Meir',
      StreetNumber: '10',
      Zipcode: '2000',
      City: 'Antwerpen',
      CountryCode: 'BE',
    },
  ],
  ...over,
});

test('POST /v1/parties answers the bare PartyID and upserts by VAT number; GET and PATCH read and change it', async () => {
  const created = await billit('POST', '/billit/v1/parties', party());
  assert.equal(created.status, 200, created.text);
  assert.match(created.text, /^\d+$/);
  const id = Number(created.text);

  // The same VAT number written another way (lower case, dots): the same party, updated, not a second one.
  const again = await billit(
    'POST',
    '/billit/v1/parties',
    party({ Name: 'Klant BV (nieuw)', VATNumber: 'be 0202.239.951' }),
  );
  assert.equal(again.status, 200, again.text);
  assert.equal(Number(again.text), id);

  const got = await billit('GET', `/billit/v1/parties/${id}`);
  assert.equal(got.status, 200, got.text);
  const p = got.json();
  assert.equal(p.PartyID, id);
  assert.equal(p.Name, 'Klant BV (nieuw)');
  assert.equal(p.VATNumber, 'BE0202239951');
  assert.equal(p.PartyType, 'Customer');
  assert.equal(p.Email, 'boekhouding@klant.be');
  assert.deepEqual(
    {
      Street: p.Addresses[0].Street,
      Zipcode: p.Addresses[0].Zipcode,
      City: p.Addresses[0].City,
      CountryCode: p.Addresses[0].CountryCode,
    },
    { Street: 'Meir 10', Zipcode: '2000', City: 'Antwerpen', CountryCode: 'BE' },
  );
  assert.match(p.LastModified, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);

  const patched = await billit('PATCH', `/billit/v1/parties/${id}`, { email: 'facturen@klant.be', Phone: null });
  assert.equal(patched.status, 200, patched.text);
  assert.equal((await billit('GET', `/billit/v1/parties/${id}`)).json().Email, 'facturen@klant.be');

  // Another company's key does not reach it.
  assert.equal((await other('GET', `/billit/v1/parties/${id}`)).status, 404);
  assert.equal((await billit('GET', '/billit/v1/parties/999999999')).status, 404);
});

test('GET /v1/parties: PartyType and VATNumber filters, Name ordering, fullTextSearch and paging with NextPageLink', async () => {
  const names = ['Zeta NV', 'Alpha BV', 'Mu SRL'];
  const ids: number[] = [];
  for (const [i, name] of names.entries()) {
    const r = await billit('POST', '/billit/v1/parties', {
      Name: name,
      PartyType: i === 2 ? 'Supplier' : 'Customer',
      Email: `list${i}@example.be`,
      CountryCode: 'BE',
    });
    assert.equal(r.status, 200, r.text);
    ids.push(Number(r.text));
  }
  const customers = await billit('GET', `/billit/v1/parties?$filter=PartyType+eq+%27Customer%27&$orderby=Name+asc`);
  assert.equal(customers.status, 200, customers.text);
  const items = customers.json().Items as { Name: string; PartyType: string }[];
  assert.ok(items.every((x) => x.PartyType === 'Customer'));
  const listed = items.map((x) => x.Name).filter((n) => names.includes(n));
  assert.deepEqual(listed, ['Alpha BV', 'Zeta NV']);
  assert.deepEqual(
    [...items.map((x) => x.Name)].sort((a, b) => a.localeCompare(b)),
    items.map((x) => x.Name),
    'ordered by name',
  );

  const suppliers = (await billit('GET', `/billit/v1/parties?$filter=PartyType eq 'Supplier'`)).json().Items;
  assert.ok(suppliers.some((x: { PartyID: number }) => x.PartyID === ids[2]));
  assert.ok(suppliers.every((x: { PartyType: string }) => x.PartyType === 'Supplier'));

  await billit('POST', '/billit/v1/parties', party({ Name: 'Vat Filter BV', VATNumber: 'BE0403170701' }));
  const byVat = (await billit('GET', `/billit/v1/parties?$filter=VATNumber eq 'BE0403170701'`)).json().Items;
  assert.deepEqual(
    byVat.map((x: { Name: string }) => x.Name),
    ['Vat Filter BV'],
  );

  const search = (await billit('GET', '/billit/v1/parties?fullTextSearch=alpha')).json().Items;
  assert.deepEqual(
    search.map((x: { PartyID: number }) => x.PartyID),
    [ids[1]],
  );

  // Two a page: the link keeps the prefix and the filter, and the pages do not overlap.
  const first = (await billit('GET', '/billit/v1/parties?$top=2&$orderby=Name asc')).json();
  assert.equal(first.Items.length, 2);
  assert.ok(first.Count >= 5);
  assert.match(first.NextPageLink, /^http:\/\/[^/]+\/billit\/v1\/parties\?/);
  const next = new URL(first.NextPageLink);
  assert.equal(next.searchParams.get('$skip'), '2');
  const second = (await billit('GET', `${next.pathname}${next.search}`)).json();
  const seen = new Set(first.Items.map((x: { PartyID: number }) => x.PartyID));
  assert.ok(second.Items.every((x: { PartyID: number }) => !seen.has(x.PartyID)));

  const bad = await billit('GET', `/billit/v1/parties?$filter=Foo eq 'x'`);
  assert.equal(bad.status, 400);
  assert.equal(bad.json().errors[0].Code, 'GenericError');
  assert.match(bad.json().errors[0].Description, /Could not find a property named 'Foo'/);
});

test('POST /v1/products answers the ProductID; GET shows AmountExcl, VAT, EAN; a VAT rate of no Belgian tax is refused', async () => {
  const created = await billit('POST', '/billit/v1/products', {
    Reference: 'SKU-42',
    Description: 'Consultancy hour',
    AmountExcl: 87.5,
    VAT: 21,
    EAN: '5410000000017',
  });
  assert.equal(created.status, 200, created.text);
  assert.match(created.text, /^\d+$/);
  const id = Number(created.text);
  const got = await billit('GET', `/billit/v1/products/${id}`);
  assert.equal(got.status, 200, got.text);
  const p = got.json();
  assert.equal(p.ProductID, id);
  assert.equal(p.Reference, 'SKU-42');
  assert.equal(p.Description, 'Consultancy hour');
  assert.equal(p.AmountExcl, 87.5);
  assert.equal(p.VAT, 21);
  assert.equal(p.AmountIncl, 105.88);
  assert.equal(p.EAN, '5410000000017');

  const listed = (await billit('GET', `/billit/v1/products?$filter=Reference eq 'SKU-42'`)).json();
  assert.deepEqual(
    listed.Items.map((x: { ProductID: number }) => x.ProductID),
    [id],
  );
  assert.equal(listed.NextPageLink, null);

  const bad = await billit('POST', '/billit/v1/products', {
    Reference: 'SKU-7',
    Description: 'Seven',
    AmountExcl: 1,
    VAT: 7,
  });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json().errors[0].Code, 'InvalidVAtPercentageForTaxCountry_0_');
  assert.equal((await other('GET', `/billit/v1/products/${id}`)).status, 404);
});
