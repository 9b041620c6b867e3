import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as soap from 'soap';
import { loadConfig } from '../../src/config.js';
import { startMfServer, type MfServer } from './fixtures/mf-server.js';
import { INVOICING_NS, INVOICING_OPERATIONS, INVOICING_V11_NS, TAX_NS, TAX_OPERATIONS } from './fixtures/operations.js';
import { checkWsdl } from './fixtures/wsdl-check.js';

/**
 * The served WSDLs as SOAP stacks read them: parsed with namespaces resolved, every operation on both bindings with
 * soapAction `http://MagniAPI/Invoicing/{Op}`, ports InvoicingSoap/InvoicingSoap12, and `soap:address` pointing at
 * the host and path the client asked (another Host header, the alias, MAGNIFINANCE_PORT's root).
 */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

let mf: MfServer;
let ownPort: number;
before(async () => {
  // Behind a reverse proxy the address must be the public one the client asked (checked below).
  process.env.TRUST_PROXY = '1';
  ownPort = await freePort();
  mf = await startMfServer({ dialects: { magnifinance: { port: ownPort } } });
  // The dialect's own server starts from the main server's onListen hook, which Fastify does not wait for.
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${ownPort}/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 20));
  }
});
after(async () => {
  await mf?.close();
});

const invoicing = (location: string) => ({
  namespace: INVOICING_NS,
  service: 'Invoicing',
  ports: ['InvoicingSoap', 'InvoicingSoap12'] as [string, string],
  location,
});

async function wsdlAt(url: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(url, { headers });
  assert.equal(res.status, 200, url);
  assert.match(res.headers.get('content-type') ?? '', /xml/);
  return res.text();
}

test('the Invoicing WSDL: every operation on both bindings with its soapAction, ports at the address asked', async (t) => {
  const location = `${mf.base}/MagniAPI/Invoicing.asmx`;
  const facts = checkWsdl(await wsdlAt(`${location}?WSDL`), invoicing(location));
  for (const [op, wrapper] of Object.entries(INVOICING_OPERATIONS)) {
    await t.test(op, (st) => {
      if (!facts.operations.includes(op)) return st.todo(`${op} is not in the served WSDL yet`);
      assert.deepEqual(facts.responseChildren[op], [wrapper], `${op}Response holds ${wrapper}`);
    });
  }
  for (const op of facts.operations) assert.ok(op in INVOICING_OPERATIONS, `unexpected operation ${op}`);
  for (const children of Object.values(facts.responseChildren))
    for (const c of children) assert.doesNotMatch(c, /Result$/, 'wrappers are never …Result');
});

test('?wsdl in any letter case and the path in any case; the address keeps the path asked', async () => {
  for (const path of [
    '/MagniAPI/Invoicing.asmx?wsdl',
    '/magniapi/INVOICING.asmx?Wsdl',
    '/MagniAPI/invoicing.asmx?WSDL',
  ]) {
    const location = `${mf.base}${path.split('?')[0]}`;
    checkWsdl(await wsdlAt(`${mf.base}${path}`), invoicing(location));
  }
});

test('another Host header: the ports point at that host, where node-soap and PHP will post', async () => {
  const res = await mf.t.app.inject({
    method: 'GET',
    url: '/magnifinance/MagniAPI/Invoicing.asmx?WSDL',
    headers: { host: 'faturas.example.pt:8443' },
  });
  assert.equal(res.statusCode, 200);
  checkWsdl(res.body, invoicing('http://faturas.example.pt:8443/magnifinance/MagniAPI/Invoicing.asmx'));
});

test('behind a reverse proxy (TRUST_PROXY=1): the public scheme and host of X-Forwarded-Proto/-Host', async () => {
  const res = await mf.t.app.inject({
    method: 'GET',
    url: '/magnifinance/MagniAPI/Invoicing.asmx?wsdl',
    headers: { host: 'faturador:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'faturas.example.pt' },
  });
  assert.equal(res.statusCode, 200);
  checkWsdl(res.body, invoicing('https://faturas.example.pt/magnifinance/MagniAPI/Invoicing.asmx'));
});

test('the MagniFinanceWS.asmx alias serves the Invoicing WSDL at its own address, and node-soap calls through it', async (t) => {
  const location = `${mf.base}/MagniFinanceWS.asmx`;
  checkWsdl(await wsdlAt(`${location}?WSDL`), invoicing(location));
  const client = await soap.createClientAsync(`${location}?WSDL`);
  if (typeof client.DocumentGetAsync !== 'function') return t.todo('DocumentGet is not in the served WSDL yet');
  const [answer] = await client.DocumentGetAsync({
    Authentication: { Email: mf.account.email, Token: mf.account.token },
    DocumentId: 999999,
  });
  assert.equal(answer.Response.Type, 'Error');
  assert.equal(answer.Response.ErrorValue.Value, 6);
  assert.match(client.lastEndpoint ?? '', /\/magnifinance\/MagniFinanceWS\.asmx$/);
});

test('the v1.1 spelling (IPPN samples) serves the same operations at its own address, in its namespace', async (t) => {
  const location = `${mf.base}/MagniAPI/v1.1/Invoicing.asmx`;
  const v11 = checkWsdl(await wsdlAt(`${location}?wsdl`), { ...invoicing(location), namespace: INVOICING_V11_NS });
  const main = checkWsdl(
    await wsdlAt(`${mf.base}/MagniAPI/Invoicing.asmx?wsdl`),
    invoicing(`${mf.base}/MagniAPI/Invoicing.asmx`),
  );
  assert.deepEqual(v11.operations, main.operations);
  if (!v11.operations.includes('DocumentGet')) return t.todo('DocumentGet is not in the served WSDL yet');
  const client = await soap.createClientAsync(`${location}?wsdl`);
  const [answer] = await client.DocumentGetAsync({
    Authentication: { Email: mf.account.email, Token: mf.account.token },
    DocumentId: 999999,
  });
  assert.equal(answer.Response.ErrorValue.Value, 6);
  assert.match(client.lastRequest ?? '', /http:\/\/MagniAPI\/v1\.1\/Invoicing\//);
});

test('the TaxCommunication WSDL', async (t) => {
  const location = `${mf.base}/MagniAPI/taxcommunication.asmx`;
  const res = await fetch(`${location}?WSDL`);
  if (res.status === 404) return t.todo('the TaxCommunication service is not served yet');
  const facts = checkWsdl(await res.text(), {
    namespace: TAX_NS,
    service: 'TaxCommunication',
    ports: ['TaxCommunicationSoap', 'TaxCommunicationSoap12'],
    location,
  });
  for (const [op, wrapper] of Object.entries(TAX_OPERATIONS)) {
    await t.test(op, (st) => {
      if (!facts.operations.includes(op)) return st.todo(`${op} is not in the served WSDL yet`);
      assert.deepEqual(facts.responseChildren[op], [wrapper]);
    });
  }
});

test('MAGNIFINANCE_PORT: the root of its own port serves the WSDL with that address, and clients call it there', async (t) => {
  assert.equal(loadConfig({ MAGNIFINANCE_PORT: '8085' }).dialects.magnifinance.port, 8085);
  const location = `http://127.0.0.1:${ownPort}/MagniAPI/Invoicing.asmx`;
  checkWsdl(await wsdlAt(`${location}?WSDL`), invoicing(location));
  const client = await soap.createClientAsync(`http://127.0.0.1:${ownPort}/MagniFinanceWS.asmx?wsdl`, {
    forceSoap12Headers: true,
  });
  if (typeof client.DocumentGetAsync !== 'function') return t.todo('DocumentGet is not in the served WSDL yet');
  const [answer] = await client.DocumentGetAsync({
    Authentication: { Email: mf.account.email, Token: 'not-a-key' },
    DocumentId: 1,
  });
  assert.equal(answer.Response.Type, 'Error');
  assert.equal(answer.Response.ErrorValue.Value, 1);
  assert.equal(answer.Response.ErrorValue.Name, 'AuthenticationError');
});
