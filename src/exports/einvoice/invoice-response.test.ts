import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { XMLParser } from 'fast-xml-parser';
import { sharedPath, skipUnlessShared } from '../../../test/support/shared.js';
import { invoiceResponseXml, type InvoiceResponseInput } from './invoice-response.js';

const XSD_ROOT = sharedPath('specs/eu/ubl-2.1/xsd');
const MAIN = 'maindoc/UBL-ApplicationResponse-2.1.xsd';
const skip = skipUnlessShared('specs/eu/ubl-2.1/xsd', MAIN);

/** The UBL 2.1 ApplicationResponse schema with every schema it imports, named as laid out on disk. */
async function validate(xml: string) {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.xsd') ? [join(dir, e.name)] : [],
    );
  const files = walk(XSD_ROOT).map((f) => ({ fileName: relative(XSD_ROOT, f), contents: readFileSync(f, 'utf8') }));
  const main = files.find((f) => f.fileName === MAIN)!;
  return validateXML({
    xml: [{ fileName: 'response.xml', contents: xml }],
    schema: [main],
    preload: files.filter((f) => f !== main),
  });
}

const base: InvoiceResponseInput = {
  id: 'IR-7',
  issueDate: '2026-12-07',
  sender: { endpoint: '0208:0765432146', name: 'Buyer NV' },
  receiver: { endpoint: '0208:0412345614', name: 'Seller BV' },
  status: 'AP',
  document: { number: 'INV-2026-0001', issueDate: '2026-03-02', typeCode: '380' },
};

test('an acceptance (AP) passes the UBL 2.1 ApplicationResponse schema', skip, async () => {
  const r = await validate(invoiceResponseXml(base));
  assert.deepEqual(
    r.errors.map((e) => e.rawMessage),
    [],
  );
  assert.equal(r.valid, true);
});

test('a refusal (RE) with its reason passes the schema and carries code, reason and the invoice', skip, async () => {
  const xml = invoiceResponseXml({ ...base, status: 'RE', reason: 'Order <PO-9> & price unknown' });
  const r = await validate(xml);
  assert.deepEqual(
    r.errors.map((e) => e.rawMessage),
    [],
  );
  const doc = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, parseTagValue: false }).parse(xml);
  const resp = doc.ApplicationResponse;
  assert.equal(resp.CustomizationID, 'urn:fdc:peppol.eu:poacc:trns:invoice_response:3');
  assert.equal(resp.DocumentResponse.Response.ResponseCode['#text'], 'RE');
  assert.equal(resp.DocumentResponse.Response.Status.StatusReason, 'Order <PO-9> & price unknown');
  assert.equal(resp.DocumentResponse.DocumentReference.ID, 'INV-2026-0001');
  assert.equal(resp.SenderParty.EndpointID['@_schemeID'], '0208');
});

test('the schema check is real: an element out of sequence is refused', skip, async () => {
  const xml = invoiceResponseXml(base).replace(
    /(<cbc:ID>IR-7<\/cbc:ID>)(<cbc:IssueDate>[^<]+<\/cbc:IssueDate>)/,
    '$2$1',
  );
  assert.equal((await validate(xml)).valid, false);
});
