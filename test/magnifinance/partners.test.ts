import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as soap from 'soap';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { createApiKey } from '../../src/app/accounts/create-api-key.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * MagniFinance's partner programme (IPPN) driven by the node `soap` client from the served WSDL: AddPartner,
 * GetPartnerAccessTokens (SpecialAuthentication), the partner issuing with its own token, isolation between parent
 * and partner, ClientGet and TaxIdValidation; SOAP 1.1 and 1.2.
 */
type Answer = Record<string, any>;
const PASSWORD = 'segredo-do-integrador';
const AUTH_FAILURES = 6;

let t: TestApp;
let base: string;
let c11: soap.Client;
let c12: soap.Client;
let parent: { accountId: number; email: string; token: string };
let n = 0;

async function newParent(tag: string) {
  n += 1;
  const email = `${tag}-${n}-${Date.now()}@example.pt`;
  const a = await t.db.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: `Integrador ${tag} ${n}, Lda`,
      taxId: '503340855',
      owner: { email, password: PASSWORD },
    }),
  );
  return { accountId: a.accountId, email, token: a.apiKey };
}

before(async () => {
  t = await startTestApp({ secretKey: 'd1'.repeat(32), authFailuresPerMinute: AUTH_FAILURES });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}/magnifinance`;
  const wsdl = `${base}/MagniAPI/Invoicing.asmx?wsdl`;
  c11 = await soap.createClientAsync(wsdl);
  c12 = await soap.createClientAsync(wsdl, { forceSoap12Headers: true });
  parent = await newParent('ippn');
});
after(() => t?.close());

async function call(client: soap.Client, op: string, arg: object): Promise<Answer> {
  const [result] = (await (client[`${op}Async`] as (a: object) => Promise<[Answer]>)(arg)) ?? [];
  return result;
}

function ok(result: Answer, wrapper = 'Response'): Answer {
  const r = result[wrapper];
  assert.equal(r?.Type, 'Success', JSON.stringify(result));
  return r.Object;
}

function error(result: Answer, wrapper: string, value: number): Answer {
  const r = result[wrapper];
  assert.equal(r?.Type, 'Error', JSON.stringify(result));
  assert.equal(r.ErrorValue.Value, value, JSON.stringify(r));
  return r;
}

const partnerInformation = (over: Record<string, string> = {}) => ({
  UserName: 'João Cardoso',
  UserEmail: `parceiro-${++n}-${Date.now()}@example.pt`,
  UserPhone: '999555111',
  CompanyTaxId: '508025338',
  CompanyLegalName: 'Magni EShop Partner, Lda',
  CompanyAddress: 'Av. Sidónio Pais, 1',
  CompanyCity: 'Lisboa',
  CompanyPostCode: '1050-214',
  CompanyCountry: 'PT',
  ...over,
});

const addPartner = (client: soap.Client, auth: { email: string; token: string }, info: object) =>
  call(client, 'AddPartner', { Authentication: { Email: auth.email, Token: auth.token }, PartnerInformation: info });

const tokens = (client: soap.Client, auth: { email: string; token: string }, taxId: string, password = PASSWORD) =>
  call(client, 'GetPartnerAccessTokens', {
    SpecialAuthentication: { Email: auth.email, Token: auth.token, Password: password },
    PartnerTaxId: taxId,
  });

const documentCreate = (client: soap.Client, auth: { email: string; token: string }, nif: string) =>
  call(client, 'DocumentCreate', {
    Authentication: { Email: auth.email, Token: auth.token },
    Client: { NIF: nif, Name: 'Cliente do Parceiro', CountryCode: 'PT' },
    Document: {
      Date: new Date().toISOString().slice(0, 10),
      DueDate: new Date().toISOString().slice(0, 10),
      Type: 'I',
      Lines: [
        {
          APIInvoicingProduct: {
            Code: 'KWH',
            Description: 'Carregamento',
            UnitPrice: '10',
            Quantity: '1',
            Type: 'S',
            TaxValue: '23',
          },
        },
      ],
    },
    IsToClose: true,
  });

let partnerInfo: ReturnType<typeof partnerInformation>;
let partnerToken: string;

test('AddPartner: a partner account under the caller, answered without any token', async () => {
  partnerInfo = partnerInformation();
  const [result, raw] = (await c11.AddPartnerAsync({
    Authentication: { Email: parent.email, Token: parent.token },
    PartnerInformation: partnerInfo,
  })) as [Answer, string];
  const o = ok(result, 'ResponseAddPartner');
  assert.equal(typeof o.PartnerId, 'number');
  assert.equal(o.CompanyTaxId, '508025338');
  assert.equal(o.UserEmail, partnerInfo.UserEmail);
  assert.doesNotMatch(raw, /ftr_(test|live)_/, 'no key in the answer');
  const acc = await t.db.database.db
    .selectFrom('accounts')
    .select(['parent_account_id', 'legal_name'])
    .where('id', '=', o.PartnerId)
    .executeTakeFirstOrThrow();
  assert.equal(acc.parent_account_id, parent.accountId);
});

test('AddPartner refusals: 04 bad NIF, 14 duplicate, 02 e-mail taken, 01 without an admin key (SOAP 1.2)', async () => {
  const bad = error(
    await addPartner(c12, parent, partnerInformation({ CompanyTaxId: '508025339' })),
    'ResponseAddPartner',
    4,
  );
  assert.equal(bad.ErrorValue.Name, 'InvalidTaxId');
  const dup = error(await addPartner(c12, parent, partnerInformation()), 'ResponseAddPartner', 14);
  assert.equal(dup.ValidationErrors.ValidationError[0].Type, 'PartnerAlreadyExists');
  const taken = error(
    await addPartner(c12, parent, partnerInformation({ CompanyTaxId: '509442013', UserEmail: parent.email })),
    'ResponseAddPartner',
    2,
  );
  assert.equal(taken.ValidationErrors.ValidationError[0].Field, 'PartnerInformation.UserEmail');
  const issueKey = await t.db.database.db
    .transaction()
    .execute((tx) => createApiKey(tx, parent.accountId, { scope: 'issue', name: 'issuer' }));
  error(
    await addPartner(
      c12,
      { email: parent.email, token: issueKey.key },
      partnerInformation({ CompanyTaxId: '509442013' }),
    ),
    'ResponseAddPartner',
    1,
  );
});

test('GetPartnerAccessTokens: the same token at every call, over SOAP 1.1 and 1.2', async () => {
  const first = ok(await tokens(c11, parent, '508025338'), 'ResponseGetPartnerAccessTokens');
  const list = first.APIAccessTokenBase as Answer[];
  assert.equal(list.length, 1);
  assert.equal(typeof list[0].AccessToken, 'string');
  assert.equal(typeof list[0].Description, 'string');
  partnerToken = list[0].AccessToken;
  const again = ok(await tokens(c12, parent, 'PT508025338'), 'ResponseGetPartnerAccessTokens');
  assert.equal(again.APIAccessTokenBase[0].AccessToken, partnerToken);
});

test("GetPartnerAccessTokens refusals: 01 wrong password, 38 unknown partner or another parent's", async () => {
  error(await tokens(c11, parent, '508025338', 'not-the-password'), 'ResponseGetPartnerAccessTokens', 1);
  const unknown = error(await tokens(c11, parent, '509442013'), 'ResponseGetPartnerAccessTokens', 38);
  assert.equal(unknown.ErrorValue.Name, 'PartnershipNotFound');
  const other = await newParent('other');
  error(await tokens(c12, other, '508025338'), 'ResponseGetPartnerAccessTokens', 38);
});

test("the partner issues with its own token; parent and partner do not see each other's documents", async (tc) => {
  const asPartner = { email: partnerInfo.UserEmail, token: partnerToken };
  const invoice = (key: string) =>
    t.call(
      'POST',
      '/v1/documents',
      {
        type: 'FT',
        finalize: true,
        customer: { name: 'Cliente do Parceiro', taxId: '502011378' },
        lines: [{ description: 'Carregamento', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
      },
      { key },
    );
  const partnerDoc = await invoice(partnerToken);
  assert.equal(partnerDoc.status, 201, JSON.stringify(partnerDoc.body));
  const parentDoc = await invoice(parent.token);
  assert.equal(parentDoc.status, 201, JSON.stringify(parentDoc.body));
  assert.equal(
    (await t.call('GET', `/v1/documents/${partnerDoc.body.id}`, undefined, { key: parent.token })).status,
    404,
  );
  assert.equal(
    (await t.call('GET', `/v1/documents/${parentDoc.body.id}`, undefined, { key: partnerToken })).status,
    404,
  );
  const partner = await t.db.database.db
    .selectFrom('accounts')
    .select('id')
    .where('parent_account_id', '=', parent.accountId)
    .executeTakeFirstOrThrow();
  const row = await t.db.database.db
    .selectFrom('documents')
    .select('account_id')
    .where('id', '=', partnerDoc.body.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.account_id, partner.id);

  if (typeof c11.DocumentCreate !== 'function') return tc.todo('DocumentCreate is not in the served WSDL yet');
  const created = ok(await documentCreate(c11, asPartner, '502011378'));
  const get = (auth: { email: string; token: string }, id: number) =>
    call(c11, 'DocumentGet', { Authentication: { Email: auth.email, Token: auth.token }, DocumentId: id });
  if (typeof c11.DocumentGet === 'function') {
    error(await get(parent, created.DocumentId), 'Response', 6);
    error(await get(asPartner, parentDoc.body.id), 'Response', 6);
  }
  // IPPN clients send the integrator's e-mail with the partner's token: that issues as the partner too. The
  // partner's e-mail does not go with the parent's token, nor an unrelated e-mail with the partner's.
  const viaParentEmail = ok(await documentCreate(c12, { email: parent.email, token: partnerToken }, '502011378'));
  const issuedBy = await t.db.database.db
    .selectFrom('documents')
    .select('account_id')
    .where('id', '=', viaParentEmail.DocumentId)
    .executeTakeFirstOrThrow();
  assert.equal(issuedBy.account_id, partner.id);
  error(await documentCreate(c11, { email: partnerInfo.UserEmail, token: parent.token }, '502011378'), 'Response', 1);
  const other = await newParent('stranger');
  error(await documentCreate(c11, { email: other.email, token: partnerToken }, '502011378'), 'Response', 1);
});

test('ClientGet: the partner by its NIF, a customer by its NIF, else 06', async () => {
  const auth = { Email: parent.email, Token: parent.token };
  const partner = ok(await call(c11, 'ClientGet', { Authentication: auth, TaxId: '508025338', CountryCode: 'PT' }));
  assert.equal(partner.NIF, '508025338');
  assert.equal(partner.CompanyLegalName, 'Magni EShop Partner, Lda');
  assert.equal(partner.PostCode, '1050-214');
  assert.equal(partner.CountryName, 'Portugal');
  const customer = ok(await call(c12, 'ClientGet', { Authentication: auth, TaxId: '502011378', CountryCode: 'pt' }));
  assert.equal(customer.Name, 'Cliente do Parceiro');
  error(await call(c11, 'ClientGet', { Authentication: auth, TaxId: '503504564', CountryCode: 'PT' }), 'Response', 6);
});

test('TaxIdValidation: PT check digit, BE mod 97, EU format, other countries free; 04 when invalid', async () => {
  const auth = { Email: parent.email, Token: parent.token };
  const v = (TaxId: string, CountryCode: string, client = c11) =>
    call(client, 'TaxIdValidation', { Authentication: auth, TaxId, CountryCode });
  assert.equal(ok(await v('508025338', 'PT')).TaxId, '508025338');
  assert.equal(ok(await v('0202.239.951', 'be', c12)).TaxId, 'BE0202239951');
  ok(await v('B12345678', 'ES'));
  ok(await v('12-3456789', 'US'));
  const bad = error(await v('508025339', 'PT'), 'Response', 4);
  assert.equal(bad.ErrorValue.Name, 'InvalidTaxId');
  error(await v('BE0202239952', 'BE', c12), 'Response', 4);
  error(await v('123', 'DE'), 'Response', 4);
  error(await v('', 'PT'), 'Response', 2);
});

test('wrong partner passwords count as failed authentications: past the limit even the right one is refused', async () => {
  let refused = false;
  for (let i = 0; i < AUTH_FAILURES && !refused; i++) {
    const r = error(await tokens(c11, parent, '508025338', `wrong-${i}`), 'ResponseGetPartnerAccessTokens', 1);
    refused = /too many/i.test(r.ErrorHumanReadable);
  }
  const r = error(await tokens(c11, parent, '508025338'), 'ResponseGetPartnerAccessTokens', 1);
  assert.match(r.ErrorHumanReadable, /too many/i);
});
