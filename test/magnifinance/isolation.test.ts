import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { signDownloadLink } from '../../src/app/magnifinance/download-link.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Tenant isolation on every MagniFinance operation, SOAP and REST, on the database under test: account A names
 * account B's document ids, customer tax id and partner, and reaches none of them (06, 38, or nothing listed), while
 * B's rows stay as they were. A's own signed download link does not open B's document.
 */
const PASSWORD = 'segredo-da-conta-a';
interface Who {
  accountId: number;
  email: string;
  token: string;
}
let t: TestApp;
let a: Who;
let b: Who;
/** B's finalized invoice-receipt, its customer's tax id and its partner's. */
let bDoc: number;
let aDoc: number;
const B_CUSTOMER = '180975030';
const B_PARTNER = '508025338';

async function account(tag: string): Promise<Who> {
  const email = `${tag}-${Date.now()}@example.pt`;
  const made = await t.db.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: `Conta ${tag}, Lda`,
      taxId: '503340855',
      street: 'Rua do Teste, 1',
      postalCode: '1000-001',
      city: 'Lisboa',
      owner: { email, password: PASSWORD },
    }),
  );
  return { accountId: made.accountId, email, token: made.apiKey };
}

const builder = new XMLBuilder({ ignoreAttributes: false, format: false });
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false });
const NS = { invoicing: 'http://MagniAPI/Invoicing/', tax: 'http://MagniAPI/TaxCommunication/' };

/** A SOAP 1.1 call as `who`: the operation's Response content (its wrapper found by name). */
async function soap(who: Who, op: string, body: object, service: 'invoicing' | 'tax' = 'invoicing') {
  const authName =
    service === 'tax' ? 'authentication' : op === 'GetPartnerAccessTokens' ? 'SpecialAuthentication' : 'Authentication';
  const auth = {
    Email: who.email,
    Token: who.token,
    ...(authName === 'SpecialAuthentication' ? { Password: PASSWORD } : {}),
  };
  const envelope = {
    'soap:Envelope': {
      '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/',
      'soap:Body': { [op]: { '@_xmlns': NS[service], [authName]: auth, ...body } },
    },
  };
  const res = await t.app.inject({
    method: 'POST',
    url: service === 'tax' ? '/magnifinance/MagniAPI/TaxCommunication.asmx' : '/magnifinance/MagniAPI/Invoicing.asmx',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    payload: builder.build(envelope),
  });
  assert.equal(res.statusCode, 200, res.body);
  const answer = parser.parse(res.body).Envelope.Body[`${op}Response`];
  const wrapper = Object.keys(answer).find((k) => k.startsWith('Response'))!;
  return { ...answer[wrapper], raw: res.body };
}

async function rest(who: Who, method: string, path: string, body?: object) {
  const res = await t.app.inject({
    method: method as 'GET',
    url: `/magnifinance/api/v1.1${path}`,
    headers: {
      email: who.email,
      token: who.token,
      password: PASSWORD,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    payload: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.statusCode, body: res.json(), raw: res.body };
}

const createBody = (nif: string, name: string) => ({
  IsToClose: true,
  Client: { NIF: nif, Name: name, Address: 'Rua Secreta, 9', City: 'Porto' },
  Document: { Type: 'T', Lines: [{ Description: 'Serviço', UnitPrice: '10', Quantity: '1', TaxValue: '23' }] },
});

before(async () => {
  t = await startTestApp({ secretKey: 'e2'.repeat(32) });
  a = await account('mf-iso-a');
  b = await account('mf-iso-b');
  const made = await rest(b, 'POST', '/document', createBody(B_CUSTOMER, 'Cliente Secreto de B'));
  assert.equal(made.status, 200, made.raw);
  bDoc = made.body.Object.DocumentId;
  const mine = await rest(a, 'POST', '/document', createBody('123456789', 'Cliente de A'));
  assert.equal(mine.status, 200, mine.raw);
  aDoc = mine.body.Object.DocumentId;
  const partner = await rest(b, 'POST', '/partner', {
    PartnerInformation: {
      UserName: 'Parceiro de B',
      UserEmail: `parceiro-b-${Date.now()}@example.pt`,
      CompanyTaxId: B_PARTNER,
      CompanyLegalName: 'Parceiro de B, Lda',
      CompanyAddress: 'Rua P, 1',
      CompanyCity: 'Faro',
      CompanyPostCode: '8000-001',
      CompanyCountry: 'PT',
    },
  });
  assert.equal(partner.status, 200, partner.raw);
});
after(async () => {
  await t?.close();
});

async function bDocument() {
  const doc = await t.call('GET', `/v1/documents/${bDoc}`, undefined, { key: b.token });
  assert.equal(doc.status, 200);
  return doc.body as { status: string; number: string };
}

const leaks = (raw: string) => /Cliente Secreto de B|Rua Secreta|Parceiro de B|ftr_(test|live)_/.test(raw);

test("SOAP: DocumentGet, DocumentGetProperty and DocumentCancel of B's document answer 06 to A; B's stays final", async () => {
  for (const [op, extra] of [
    ['DocumentGet', {}],
    ['DocumentGetProperty', { DocumentProperty: 'paymentstatus' }],
    ['DocumentCancel', {}],
  ] as const) {
    const r = await soap(a, op, { DocumentId: bDoc, ...extra });
    assert.equal(r.Type, 'Error', `${op}: ${r.raw}`);
    assert.equal(r.ErrorValue.Value, '6', `${op}: ${r.raw}`);
    assert.ok(!leaks(r.raw), `${op} names nothing of B's`);
  }
  assert.equal((await bDocument()).status, 'final');
});

test("REST: GET, PATCH and GET /property of B's document answer 404 with 06 to A; B's stays final", async () => {
  for (const [method, path] of [
    ['GET', `/document?documentId=${bDoc}`],
    ['GET', `/document/property?documentId=${bDoc}`],
    ['PATCH', `/document?documentId=${bDoc}`],
  ] as const) {
    const r = await rest(a, method, path);
    assert.equal(r.status, 404, `${method} ${path}: ${r.raw}`);
    assert.deepEqual(r.body.ErrorValue, { Value: 6, Name: 'ElementDoesNotExist' });
    assert.ok(!leaks(r.raw));
  }
  assert.equal((await bDocument()).status, 'final');
});

test("DownloadUrl: A's valid signature for its own document does not open B's document (404), its own does", async () => {
  const token = await signDownloadLink(t.db.database.db, a.accountId, aDoc, new Date());
  const own = await t.app.inject({ method: 'GET', url: `/magnifinance/MagniAPI/Download/${aDoc}/${token}` });
  assert.equal(own.statusCode, 200);
  assert.equal(own.rawPayload.subarray(0, 4).toString(), '%PDF');
  const other = await t.app.inject({ method: 'GET', url: `/magnifinance/MagniAPI/Download/${bDoc}/${token}` });
  assert.equal(other.statusCode, 404, other.body.slice(0, 200));
  assert.notEqual(other.rawPayload.subarray(0, 4).toString(), '%PDF');
});

test("ClientGet of B's customer: 06 to A over SOAP and REST, without B's data; B finds it", async () => {
  const soapAnswer = await soap(a, 'ClientGet', { TaxId: B_CUSTOMER, CountryCode: 'PT' });
  assert.equal(soapAnswer.Type, 'Error', soapAnswer.raw);
  assert.equal(soapAnswer.ErrorValue.Value, '6');
  assert.ok(!leaks(soapAnswer.raw));
  const restAnswer = await rest(a, 'GET', `/client?taxId=${B_CUSTOMER}&countryCode=PT`);
  assert.equal(restAnswer.status, 404, restAnswer.raw);
  assert.ok(!leaks(restAnswer.raw));
  const own = await soap(b, 'ClientGet', { TaxId: B_CUSTOMER, CountryCode: 'PT' });
  assert.equal(own.Type, 'Success', own.raw);
  assert.equal(own.Object.Name, 'Cliente Secreto de B');
});

test("GetPartnerAccessTokens of B's partner: 38 PartnershipNotFound to A (its own password), SOAP and REST; no token", async () => {
  const soapAnswer = await soap(a, 'GetPartnerAccessTokens', { PartnerTaxId: B_PARTNER });
  assert.equal(soapAnswer.Type, 'Error', soapAnswer.raw);
  assert.equal(soapAnswer.ErrorValue.Value, '38');
  assert.ok(!leaks(soapAnswer.raw));
  const restAnswer = await rest(a, 'GET', `/partner/accessTokens?partnerTaxId=${B_PARTNER}`);
  assert.equal(restAnswer.body.ErrorValue.Value, 38, restAnswer.raw);
  assert.ok(!leaks(restAnswer.raw));
  // A's own partner tokens are a separate thing: B still gets its partner's.
  const own = await rest(b, 'GET', `/partner/accessTokens?partnerTaxId=${B_PARTNER}`);
  assert.equal(own.status, 200, own.raw);
  assert.match(own.body.Object[0].AccessToken, /^ftr_/);
});

test("A partner's token never reaches its parent's sibling: B's partner token can't read A's document", async () => {
  const tokens = await rest(b, 'GET', `/partner/accessTokens?partnerTaxId=${B_PARTNER}`);
  const partnerToken = tokens.body.Object[0].AccessToken as string;
  // IPPN: the integrator's e-mail with the partner's token.
  const asPartner = { accountId: 0, email: b.email, token: partnerToken };
  const r = await rest(asPartner, 'GET', `/document?documentId=${aDoc}`);
  assert.equal(r.status, 404, r.raw);
  const bAsPartner = await rest(asPartner, 'GET', `/document?documentId=${bDoc}`);
  assert.equal(bAsPartner.status, 404, "the parent's own document is not the partner's either");
});

test('CommunicationList: A lists none of B’s documents (SOAP)', async () => {
  const r = await soap(
    a,
    'CommunicationList',
    { parameters: { TotalElements: 0, ElementsPerPage: 100, CurrentPage: 1 } },
    'tax',
  );
  assert.equal(r.Type, 'Success', r.raw);
  assert.doesNotMatch(r.raw, new RegExp(`<DocumentId>${bDoc}</DocumentId>`));
  assert.ok(!leaks(r.raw));
});
