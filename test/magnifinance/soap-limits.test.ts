import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as soap from 'soap';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { createApiKey } from '../../src/app/accounts/create-api-key.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * The kit's guards on the SOAP service, whose credentials are in the body: the failed-authentication limit per
 * address and a key's scope answer as the operation's business error 01 (HTTP 200), the rate limit per key as a
 * fault with HTTP 429 (clients back off).
 */
let t: TestApp;
let base: string;
let client: soap.Client;
let email: string;
let token: string;
let readToken: string;

before(async () => {
  t = await startTestApp({ authFailuresPerMinute: 3, dialects: { magnifinance: { rateLimitPerMinute: 8 } } });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}/magnifinance`;
  email = `limits-${Date.now()}@example.pt`;
  const a = await t.db.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: 'Limites, Lda',
      taxId: '503340855',
      sandbox: true,
      street: 'Rua do Teste, 1',
      postalCode: '1000-001',
      city: 'Lisboa',
      owner: { email },
    }),
  );
  token = a.apiKey;
  readToken = (
    await t.db.database.db.transaction().execute((tx) => createApiKey(tx, a.accountId, { scope: 'read', name: 'ro' }))
  ).key;
  client = await soap.createClientAsync(`${base}/MagniAPI/Invoicing.asmx?wsdl`);
});
after(async () => {
  await t?.close();
});

const get = async (Token: string) => {
  const [r] = await client.DocumentGetAsync({ Authentication: { Email: email, Token }, DocumentId: 1 });
  return r.Response;
};

test("a read key's DocumentCreate is 01; its DocumentGet passes authentication (06: no such document)", async () => {
  const [created] = await client.DocumentCreateAsync({
    Authentication: { Email: email, Token: readToken },
    Document: { Type: 'T', Lines: [{ APIInvoicingProduct: { Description: 'x', UnitPrice: '1', TaxValue: '23' } }] },
    IsToClose: true,
  });
  assert.equal(created.Response.Type, 'Error');
  assert.equal(Number(created.Response.ErrorValue.Value), 1);
  assert.match(created.Response.ErrorHumanReadable, /scope "read"/);
  assert.equal(Number((await get(readToken)).ErrorValue.Value), 6);
});

test('past the rate limit a call is a SOAP fault with HTTP 429', async () => {
  const envelope =
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    `<DocumentGet xmlns="http://MagniAPI/Invoicing/"><Authentication><Email>${email}</Email><Token>${token}</Token>` +
    '</Authentication><DocumentId>1</DocumentId></DocumentGet></soap:Body></soap:Envelope>';
  let last: Response | undefined;
  for (let i = 0; i < 12; i++) {
    last = await fetch(`${base}/MagniAPI/Invoicing.asmx`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: envelope,
    });
    if (last.status === 429) break;
  }
  assert.equal(last?.status, 429);
  assert.match(last!.headers.get('retry-after') ?? '', /^\d+$/, 'the fault says when to retry, as other dialects');
  assert.match(await last!.text(), /<faultcode>soap:Client<\/faultcode>/);
});

test('after 3 failed authentications from an address, even a good token is refused (01) until the minute is over', async () => {
  for (let i = 0; i < 3; i++) assert.equal(Number((await get('fat_bad-token')).ErrorValue.Value), 1);
  const refused = await get(token);
  assert.equal(refused.Type, 'Error');
  assert.equal(Number(refused.ErrorValue.Value), 1);
  assert.match(refused.ErrorHumanReadable, /Too many failed authentications/);
  // The business answer (HTTP 200) carries Retry-After, as the other dialects' 429 does; and so does a
  // GetPartnerAccessTokens refused there (its password check runs under the same limit, with the SOAP call's reply).
  for (const [op, auth] of [
    ['DocumentGet', `<Authentication><Email>${email}</Email><Token>${token}</Token></Authentication>`],
    [
      'GetPartnerAccessTokens',
      `<SpecialAuthentication><Email>${email}</Email><Token>${token}</Token><Password>x</Password></SpecialAuthentication>`,
    ],
  ]) {
    const res = await fetch(`${base}/MagniAPI/Invoicing.asmx`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body:
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
        `<${op} xmlns="http://MagniAPI/Invoicing/">${auth}<DocumentId>1</DocumentId><PartnerTaxId>508025338</PartnerTaxId>` +
        `</${op}></soap:Body></soap:Envelope>`,
    });
    assert.equal(res.status, 200, op);
    assert.match(res.headers.get('retry-after') ?? '', /^\d+$/, `${op} says when to retry`);
    assert.match(await res.text(), /Too many failed authentications/);
  }
});
