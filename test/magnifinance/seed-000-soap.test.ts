import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { startMfServer, type MfServer } from './fixtures/mf-server.js';
import { kid, parseNs, type NsElement } from './fixtures/xml-ns.js';
import { servedOperations } from './fixtures/wsdl-check.js';
import { hasShared, readShared, sharedPath } from '../support/shared.js';

/**
 * Seed 000's raw SOAP bodies (DocumentCreate, DocumentGet, WaybillCreate), posted as the page writes them: only
 * its own typos fixed and real values where it has `????` (with the spaces around them it has), inside a SOAP 1.1
 * envelope declaring `inv` and again inside a SOAP 1.2 one, no SOAPAction, as its samples send them.
 */
type Version = '1.1' | '1.2';
const ENV_NS: Record<Version, string> = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
};
const CONTENT_TYPE: Record<Version, string> = {
  '1.1': 'text/xml; charset=utf-8',
  '1.2': 'application/soap+xml; charset=utf-8',
};
const NS = 'http://MagniAPI/Invoicing/';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/seed-000/${name}`, import.meta.url), 'utf8');

/** The seed's two typos, and nothing else. */
const fixTypos = (text: string) =>
  text.replace(/<inv: Retention>/g, '<inv:Retention>').replace('???? /inv:LoadDateTime>', '???? </inv:LoadDateTime>');

/** Each `<inv:X> ???? </inv:X>` gets X's value (a list is used in order, for names the seed repeats). */
function fill(text: string, values: Record<string, string | string[]>): string {
  const queues = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]));
  const out = text.replace(/<inv:(\w+)> \?\?\?\? <\/inv:\1>/g, (_m, name: string) => {
    const q = queues[name];
    const value = Array.isArray(q) ? q.shift() : q;
    assert.ok(value !== undefined, `a value for ${name}`);
    assert.doesNotMatch(value, /[<&]/);
    return `<inv:${name}> ${value} </inv:${name}>`;
  });
  assert.doesNotMatch(out, /\?\?\?\?/, 'every ???? has a value');
  return out;
}

function envelope(version: Version, operation: string, body: string): string {
  return fixture(`envelope-${version}.xml`).replace('{{Operation}}', operation).replace('{{Seed}}', body);
}

let mf: MfServer;
let year: string;
let served: string[] = [];
before(async () => {
  mf = await startMfServer();
  year = new Date().toISOString().slice(0, 4);
  served = await servedOperations(`${mf.base}/MagniAPI/Invoicing.asmx?WSDL`);
});

/** Whether the operation is served; if not, the case is a todo saying so. */
function landed(t: TestContext, op: string): boolean {
  if (served.includes(op)) return true;
  t.todo(`${op} is not in the served WSDL yet`);
  return false;
}
after(async () => {
  await mf?.close();
});

const today = () => new Date().toISOString().slice(0, 10);

async function post(version: Version, operation: string, body: string): Promise<NsElement> {
  const res = await fetch(`${mf.base}/MagniAPI/Invoicing.asmx`, {
    method: 'POST',
    headers: { 'content-type': CONTENT_TYPE[version] },
    body: envelope(version, operation, body),
  });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.ok(res.headers.get('content-type')?.startsWith(CONTENT_TYPE[version].split(';')[0]!));
  const root = parseNs(text);
  assert.equal(root.ns, ENV_NS[version], 'answered in the version of the request');
  const answer = kid(kid(root, ENV_NS[version], 'Body')!, NS, `${operation}Response`);
  assert.ok(answer, text);
  const response = kid(answer, NS, 'Response');
  assert.ok(response, text);
  return response;
}

const textOf = (e: NsElement | undefined, ...path: string[]) =>
  path.reduce<NsElement | undefined>((at, name) => at && kid(at, NS, name), e)?.text;

test('the fragments are the seed as written', { skip: !hasShared('seeds') && `needs ${sharedPath('seeds')}` }, () => {
  const seed = readShared(
    'seeds',
    readdirSync(sharedPath('seeds')).find((f) => f.startsWith('000_'))!,
  );
  for (const op of ['DocumentCreate', 'DocumentGet', 'WaybillCreate'])
    assert.ok(seed.includes(fixture(`${op}.txt`).trimEnd()), `${op} verbatim`);
});

for (const version of ['1.1', '1.2'] as const) {
  const created: { id?: number } = {};

  test(`seed 000 DocumentCreate, SOAP ${version}: success and a DocumentId`, async (t) => {
    if (!landed(t, 'DocumentCreate')) return;
    const body = fill(fixTypos(fixture('DocumentCreate.txt')), {
      Email: mf.account.email,
      Token: mf.account.token,
      NIF: '180975030',
      LegalName: 'Company lda',
      CountryCode: 'PT',
      Date: today(),
      DueDate: today(),
      Description: ['An example api document', 'Product 2'],
      Type: ['T', 'S'],
      Series: `A${year}`,
      TaxExemptionReasonCode: 'M07',
      DocumentReference: 'Encomenda 2026/17',
      Currency: 'EUR',
      Retention: '0',
      EuroRate: '1',
      Code: 'SI',
      UnitPrice: '100',
      Quantity: '1',
      Unit: 'unit',
      TaxValue: '0',
      ProductDiscount: '0',
      CostCenter: 'Cost Center x',
      IsToClose: 'true',
      SendTo: 'email@example.com',
    });
    const r = await post(version, 'DocumentCreate', body);
    assert.equal(textOf(r, 'Type'), 'Success', JSON.stringify(r));
    created.id = Number(textOf(r, 'Object', 'DocumentId'));
    assert.ok(Number.isInteger(created.id) && created.id > 0);
    const native = await mf.t.call('GET', `/v1/documents/${created.id}`, undefined, { key: mf.account.token });
    assert.deepEqual(
      [native.body.type, native.body.status, native.body.lines.length, native.body.lines[0].exemption?.code],
      ['FR', 'final', 1, 'M07'],
    );
  });

  test(`seed 000 DocumentGet, SOAP ${version}: the number and link once the PDF is ready`, async (t) => {
    if (!landed(t, 'DocumentGet') || !landed(t, 'DocumentCreate')) return;
    assert.ok(created.id, 'DocumentCreate passed');
    const body = fill(fixTypos(fixture('DocumentGet.txt')), {
      Email: mf.account.email,
      Token: mf.account.token,
      DocumentId: String(created.id),
    });
    let r = await post(version, 'DocumentGet', body);
    for (let i = 0; i < 50 && textOf(r, 'Type') !== 'Success'; i++) {
      assert.equal(textOf(r, 'ErrorValue', 'Value'), '6', 'not ready yet: 06, as MagniFinance answers');
      await mf.t.worker.drain();
      r = await post(version, 'DocumentGet', body);
    }
    assert.equal(textOf(r, 'Type'), 'Success');
    assert.match(textOf(r, 'Object', 'DocumentNumber') ?? '', new RegExp(`^FR A${year}/\\d+$`));
    const pdf = await fetch(textOf(r, 'Object', 'DownloadUrl')!);
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 4)
        .toString(),
      '%PDF',
    );
  });

  test(`seed 000 WaybillCreate, SOAP ${version}: success`, async (t) => {
    if (!landed(t, 'WaybillCreate')) return;
    const body = fill(fixTypos(fixture('WaybillCreate.txt')), {
      Email: mf.account.email,
      Token: mf.account.token,
      NIF: '180975030',
      Name: 'Company lda',
      Address: 'Av. Sidónio Pais, Nº 2, 2 Esq. A',
      CountryCode: 'PT',
      Date: today(),
      DueDate: today(),
      Description: ['Guia de transporte', 'Product 2'],
      Type: ['T', 'P'],
      Series: `A${year}`,
      TaxExemptionReasonCode: 'M07',
      Currency: 'EUR',
      Retention: '0',
      Code: 'SI',
      UnitPrice: '100',
      Quantity: '1',
      Unit: 'unit',
      TaxValue: '0',
      ProductDiscount: '0',
      CostCenter: 'Cost Center x',
      LoadDateTime: `${today()}T23:00:00`,
      AddressDetail: ['Rua do Armazém, 1', 'Av. da Boavista, 2'],
      City: ['Lisboa', 'Porto'],
      PostalCode: ['1000-001', '4100-001'],
      VehicleLicence: '00-AA-00',
      IsToClose: 'true',
    });
    const r = await post(version, 'WaybillCreate', body);
    assert.equal(textOf(r, 'Type'), 'Success', JSON.stringify(r));
    const id = Number(textOf(r, 'Object', 'DocumentId'));
    assert.ok(Number.isInteger(id) && id > 0);
  });
}
