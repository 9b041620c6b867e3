import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { startTestApp, type TestApp } from '../support/app.js';

// MagniFinance's partner programme over the REST twin (#18), on PGlite and PostgreSQL, driven by a client written as
// digitaldev-lx/magnifinance writes its Laravel one: a base URL ending in `/`, headers `email` and `token` (and
// `password` for the partner's tokens), `Object[0].AccessToken`, `Object.DocumentId`, `Object.DownloadUrl`.
let t: TestApp;
const PASSWORD = 'correct horse battery staple';
const PARTNER_NIF = '508332850';
let parent: { email: string; token: string };

/** The client: `MAGNIFINANCE_BASE_URL`, `MAGNIFINANCE_USER`, `MAGNIFINANCE_TOKEN`, `MAGNIFINANCE_PASSWORD`. */
function magnifinance(config: { baseUrl: string; user: string; token: string; password: string }) {
  const send = async (method: string, url: string, headers: Record<string, string>, data?: unknown) => {
    const res = await t.app.inject({
      method: method as 'GET',
      url: new URL(url).pathname + new URL(url).search,
      headers: { ...headers, ...(data === undefined ? {} : { 'content-type': 'application/json' }) },
      payload: data === undefined ? undefined : JSON.stringify(data),
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };
  // postRequest($data, $endpoint, $partnerToken) and getRequest($endpoint, $method, $param, $value, $withPassword, $partnerToken)
  const postRequest = (data: unknown, endpoint: string, partnerToken?: string) =>
    send('POST', config.baseUrl + endpoint, { email: config.user, token: partnerToken ?? config.token }, data);
  const getRequest = (
    endpoint: string,
    method: string | null,
    param: string,
    value: string | number,
    withPassword = false,
    partnerToken?: string,
    user = config.user,
  ) =>
    send(
      'GET',
      method !== null
        ? `${config.baseUrl}${endpoint}/${method}?${param}=${value}`
        : `${config.baseUrl}${endpoint}?${param}=${value}`,
      {
        email: user,
        token: partnerToken ?? config.token,
        ...(withPassword ? { password: config.password } : {}),
      },
    );
  return { postRequest, getRequest, config };
}

let client: ReturnType<typeof magnifinance>;

before(async () => {
  t = await startTestApp({ secretKey: 'e'.repeat(64) });
  const email = `mf-rest-parent-${Date.now()}@example.com`;
  const a = await t.db.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: 'Integrador, Lda',
      taxId: '503340855',
      owner: { email, password: PASSWORD },
    }),
  );
  parent = { email, token: a.apiKey };
  client = magnifinance({
    baseUrl: 'http://localhost/magnifinance/api/v1.1/',
    user: email,
    token: a.apiKey,
    password: PASSWORD,
  });
});
after(async () => {
  await t?.close();
});

const partnerEmail = `mf-rest-partner-${Date.now()}@example.com`;

/** generatePartner($company): PartnerInformation's fields at the top of the body. */
const partnerBody = () => ({
  UserName: 'Dona Partner',
  UserEmail: partnerEmail,
  UserPhone: '+351912345678',
  CompanyTaxId: PARTNER_NIF,
  CompanyLegalName: 'Parceiro Exemplo, Lda',
  CompanyAddress: 'Rua do Parceiro, 2',
  CompanyCity: 'Porto',
  CompanyPostCode: '4000-001',
  CompanyCountry: 'PT',
});

test('addPartner, then getPartnerToken reads Object[0].AccessToken: the same token at every call', async () => {
  const added = await client.postRequest(partnerBody(), 'partner');
  assert.equal(added.status, 200, JSON.stringify(added.body));
  assert.equal(added.body.IsSuccess, true);
  assert.equal(added.body.Object.CompanyTaxId, PARTNER_NIF);

  const again = await client.postRequest(partnerBody(), 'partner');
  assert.equal(again.status, 400);
  assert.equal(again.body.IsError, true);
  assert.equal(again.body.ErrorValue.Value, 14);

  const tokens = await client.getRequest('partner', 'accessTokens', 'partnerTaxId', PARTNER_NIF, true);
  assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
  const token = (tokens.body as { Object: { AccessToken: string }[] }).Object[0].AccessToken;
  assert.match(token, /\S{16,}/);
  const twice = await client.getRequest('partner', 'accessTokens', 'partnerTaxId', PARTNER_NIF, true);
  assert.equal(twice.body.Object[0].AccessToken, token);
});

test('partner tokens: a wrong or missing password is 401; another tax id is 38 PartnershipNotFound', async () => {
  const wrong = magnifinance({ ...client.config, password: 'not it' });
  const refused = await wrong.getRequest('partner', 'accessTokens', 'partnerTaxId', PARTNER_NIF, true);
  assert.equal(refused.status, 401);
  assert.equal(refused.body.ErrorValue.Value, 1);
  const none = await client.getRequest('partner', 'accessTokens', 'partnerTaxId', PARTNER_NIF, false);
  assert.equal(none.status, 401);
  const unknown = await client.getRequest('partner', 'accessTokens', 'partnerTaxId', '501964843', true);
  assert.equal(unknown.status, 400);
  assert.deepEqual(unknown.body.ErrorValue, { Value: 38, Name: 'PartnershipNotFound' });
});

const documentData = () => ({
  Type: 'T',
  Date: new Date().toISOString().slice(0, 10),
  DueDate: new Date().toISOString().slice(0, 10),
  Description: 'App\\Booking',
  Currency: 'EUR',
  ExternalId: `pi_${Date.now()}`,
  Lines: [
    {
      Code: '012',
      Description: 'Corte de cabelo Plan',
      UnitPrice: 16.26,
      Quantity: 1,
      Unit: 'Service',
      Type: 'S',
      TaxValue: 23,
      ProductDiscount: 0,
      CostCenter: 'App\\BookingItem',
    },
  ],
});

test("emitDocumentFromPartner: the partner's token issues in the partner's account, which the parent's token cannot read", async () => {
  const tokens = await client.getRequest('partner', 'accessTokens', 'partnerTaxId', PARTNER_NIF, true);
  const partnerToken = tokens.body.Object[0].AccessToken as string;
  const asPartner = magnifinance({ ...client.config, user: partnerEmail, token: partnerToken });
  const data = {
    Client: {
      Name: 'Cliente Final',
      NIF: '999999990',
      Email: 'cliente@example.com',
      Address: false,
      City: false,
      PostCode: '1000-001',
      CountryCode: 'PT',
      LegalName: 'Cliente Final',
      PhoneNumber: null,
    },
    Document: documentData(),
    IsToClose: true,
    SendTo: '',
  };
  const emitted = await asPartner.postRequest(data, 'document');
  assert.equal(emitted.status, 200, JSON.stringify(emitted.body));
  assert.equal(emitted.body.IsSuccess, true);
  const id = emitted.body.Object.DocumentId as number;

  const own = await asPartner.getRequest('document', null, 'documentId', id);
  assert.notEqual(own.body.ErrorValue?.Value, 1, JSON.stringify(own.body));
  const fromParent = await client.getRequest('document', null, 'documentId', id);
  assert.equal(fromParent.status, 404, JSON.stringify(fromParent.body));
  assert.equal(fromParent.body.ErrorValue.Value, 6);
});

test("digitaldev's own call: the partner's token with the integrator's e-mail; GET /client finds the partner", async () => {
  const tokens = await client.getRequest('partner', 'accessTokens', 'partnerTaxId', PARTNER_NIF, true);
  const partnerToken = tokens.body.Object[0].AccessToken as string;
  const emitted = await client.postRequest(
    { Client: { NIF: '999999990', Name: 'Cliente Final' }, Document: documentData(), IsToClose: true },
    'document',
    partnerToken,
  );
  assert.equal(emitted.status, 200, JSON.stringify(emitted.body));
  // getDocumentFromPartner, then file_get_contents($document->Object->DownloadUrl): polled as the PDF is rendered.
  let document: { status: number; body: any } | undefined;
  for (let i = 0; i < 20 && !document?.body.IsSuccess; i++) {
    if (i) await t.worker.drain();
    document = await client.getRequest(
      'document',
      null,
      'documentId',
      emitted.body.Object.DocumentId,
      false,
      partnerToken,
    );
  }
  assert.equal(document!.status, 200, JSON.stringify(document!.body));
  const url = new URL(document!.body.Object.DownloadUrl);
  const pdf = await t.app.inject({ method: 'GET', url: url.pathname + url.search });
  assert.equal(pdf.rawPayload.subarray(0, 4).toString(), '%PDF');

  const found = await client.getRequest('client', null, 'countryCode', `PT&taxId=${PARTNER_NIF}`);
  assert.equal(found.status, 200, JSON.stringify(found.body));
  assert.equal(found.body.IsSuccess, true);
  assert.match(JSON.stringify(found.body.Object), new RegExp(PARTNER_NIF));
});

test('CompanyCountry as a name (Portugal, Bélgica, Belgium) is its code; an unknown country is 02 on the field, nothing created', async () => {
  const cases: [string, string, string][] = [
    ['Portugal', '509442013', 'PT'],
    ['Bélgica', '0417497106', 'BE'],
    ['belgium', '0403170701', 'BE'],
  ];
  for (const [country, taxId, code] of cases) {
    const body = {
      ...partnerBody(),
      CompanyCountry: country,
      CompanyTaxId: taxId,
      UserEmail: `c-${taxId}-${Date.now()}@example.com`,
    };
    const added = await client.postRequest(body, 'partner');
    assert.equal(added.status, 200, `${country}: ${JSON.stringify(added.body)}`);
    assert.equal(added.body.Object.CompanyCountry, code, country);
  }
  const body = {
    ...partnerBody(),
    CompanyCountry: 'Atlântida',
    CompanyTaxId: '505956985',
    UserEmail: `c-x-${Date.now()}@example.com`,
  };
  const unknown = await client.postRequest(body, 'partner');
  assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
  assert.equal(unknown.body.ErrorValue.Value, 2);
  assert.deepEqual(
    unknown.body.ValidationErrors.map((v: { Field: string; Value: string }) => [v.Field, v.Value]),
    [['CompanyCountry', 'Atlântida']],
  );
  const none = await client.getRequest('client', null, 'taxId', '505956985');
  assert.equal(none.body.ErrorValue.Value, 6, 'no partner was created');
});
