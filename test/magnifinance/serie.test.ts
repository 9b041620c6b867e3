import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLBuilder } from 'fast-xml-parser';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * DocumentCreate's `Serie` (or `Series`), over SOAP and REST, on the database under test: a series the account has
 * (any letter case) holds the document; none (absent or blank) is the default series; a name the account has no
 * open series of is 18 SerieDataNotMatch on the field with the value, and nothing is written.
 */
let t: TestApp;
let me: { email: string; token: string; accountId: number };
const year = new Date().getFullYear();
const today = () => new Date().toISOString().slice(0, 10);

before(async () => {
  t = await startTestApp();
  const email = `mf-serie-${Date.now()}@example.com`;
  const a = await t.db.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: 'Loja Série, Lda',
      taxId: '503340855',
      street: 'Rua do Teste, 1',
      postalCode: '1000-001',
      city: 'Lisboa',
      owner: { email },
    }),
  );
  me = { email, token: a.apiKey, accountId: a.accountId };
  const loja = await t.call('POST', '/v1/series', { code: 'LOJA2' }, { key: me.token });
  assert.equal(loja.status, 201, JSON.stringify(loja.body));
});
after(async () => {
  await t?.close();
});

const line = { Description: 'Café', UnitPrice: '1', Quantity: '2', TaxValue: '23' };
const document = (serie: Record<string, string>) => ({ Date: today(), Type: 'I', ...serie, Lines: [line] });
const client = { NIF: '123456789', Name: 'Cliente' };

async function rest(serie: Record<string, string>) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/magnifinance/api/v1.1/document',
    headers: { email: me.email, token: me.token, 'content-type': 'application/json' },
    payload: JSON.stringify({ IsToClose: true, Client: client, Document: document(serie) }),
  });
  return { status: res.statusCode, body: res.json() };
}

const builder = new XMLBuilder({ ignoreAttributes: false, format: false });
async function soap(serie: Record<string, string>) {
  const body = {
    'soap:Envelope': {
      '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/',
      'soap:Body': {
        DocumentCreate: {
          '@_xmlns': 'http://MagniAPI/Invoicing/',
          Authentication: { Email: me.email, Token: me.token },
          Client: client,
          Document: { ...document(serie), Lines: [{ APIInvoicingProduct: line }] },
          IsToClose: 'true',
        },
      },
    },
  };
  const res = await t.app.inject({
    method: 'POST',
    url: '/magnifinance/MagniAPI/Invoicing.asmx',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    payload: builder.build(body),
  });
  return { status: res.statusCode, text: res.body };
}

async function seriesOf(id: number): Promise<string> {
  const doc = await t.call('GET', `/v1/documents/${id}`, undefined, { key: me.token });
  assert.equal(doc.status, 200, JSON.stringify(doc.body));
  return doc.body.number as string;
}

const count = async () =>
  Number(
    (
      await t.db.database.db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('account_id', '=', me.accountId)
        .executeTakeFirstOrThrow()
    ).n,
  );

test('REST: the account’s series in any letter case holds the document; blank or absent is the default', async () => {
  const named = await rest({ Serie: 'loja2' });
  assert.equal(named.status, 200, JSON.stringify(named.body));
  assert.match(await seriesOf(named.body.Object.DocumentId), /^FT LOJA2\/\d+$/);
  const seed = await rest({ Series: 'LOJA2' });
  assert.match(await seriesOf(seed.body.Object.DocumentId), /^FT LOJA2\//);
  for (const serie of [{}, { Serie: '' }, { Serie: '  ' }] as Record<string, string>[]) {
    const plain = await rest(serie);
    assert.equal(plain.status, 200, JSON.stringify(plain.body));
    assert.match(await seriesOf(plain.body.Object.DocumentId), new RegExp(`^FT A${year}/`));
  }
});

test('REST: a series the account does not have is 400 with 18 SerieDataNotMatch on Document.Serie, nothing written', async () => {
  const before = await count();
  const r = await rest({ Serie: 'LOJA3' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.ErrorValue, { Value: 18, Name: 'SerieDataNotMatch' });
  assert.deepEqual(
    r.body.ValidationErrors.map((v: Record<string, unknown>) => [v.Field, v.Type, v.Value]),
    [['Document.Serie', 'SerieDataNotMatch', 'LOJA3']],
  );
  const seed = await rest({ Series: 'FR' });
  assert.equal(seed.body.ValidationErrors[0].Field, 'Document.Series');
  assert.equal(await count(), before);
});

test('SOAP: the named series holds the document; an unknown one is a business error 18 with HTTP 200', async () => {
  const ok = await soap({ Serie: 'LOJA2' });
  assert.equal(ok.status, 200, ok.text);
  const id = Number(/<DocumentId>(\d+)<\/DocumentId>/.exec(ok.text)?.[1]);
  assert.match(await seriesOf(id), /^FT LOJA2\//);
  const before = await count();
  const bad = await soap({ Serie: 'LOJA3' });
  assert.equal(bad.status, 200, bad.text);
  assert.match(bad.text, /<Type>Error<\/Type>/);
  assert.match(bad.text, /<ErrorValue><Value>18<\/Value><Name>SerieDataNotMatch<\/Name><\/ErrorValue>/);
  assert.match(bad.text, /<Field>Document\.Serie<\/Field>/);
  assert.match(bad.text, /<Value>LOJA3<\/Value>/);
  assert.equal(await count(), before);
});
