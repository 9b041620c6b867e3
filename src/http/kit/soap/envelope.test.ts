import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvelope } from './envelope.js';
import { SoapFault } from './fault.js';
import { withArrays } from './xml-tree.js';

const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const S12 = 'http://www.w3.org/2003/05/soap-envelope';

test('the version comes from the envelope namespace, not the content type', () => {
  const xml = `<a:Envelope xmlns:a="${S12}"><a:Body><Op xmlns="urn:x"><V>1</V></Op></a:Body></a:Envelope>`;
  const r = parseEnvelope(xml, 'text/xml');
  assert.equal(r.version, '1.2');
  assert.equal(r.operation, 'Op');
  assert.equal(r.operationNamespace, 'urn:x');
  assert.deepEqual(r.body, { V: '1' });
});

test('header blocks, xsi:nil, entities and prefixes are read by local name', () => {
  const xml =
    `<s:Envelope xmlns:s="${S11}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><s:Header><h:Auth xmlns:h="urn:h">` +
    `<h:Key>k</h:Key></h:Auth></s:Header><s:Body><p:Op xmlns:p="urn:x"><p:A>x &amp; y &#231;&#xE3;</p:A><p:N i:nil="true"/>` +
    `<p:E/></p:Op></s:Body></s:Envelope>`;
  const r = parseEnvelope(xml);
  assert.equal(r.version, '1.1');
  assert.deepEqual(r.header, { Auth: { Key: 'k' } });
  assert.deepEqual(r.body, { A: 'x & y çã', N: null, E: '' });
});

test('a DTD is refused before parsing', () => {
  const xml = `<!DOCTYPE x [<!ENTITY e "boom">]><s:Envelope xmlns:s="${S11}"><s:Body><Op>&e;</Op></s:Body></s:Envelope>`;
  assert.throws(
    () => parseEnvelope(xml),
    (e) => e instanceof SoapFault && e.code === 'Sender',
  );
});

test('nesting deeper than the parser reads is a Sender fault, not a thrown parser error', () => {
  const deep = `${'<a>'.repeat(5000)}x${'</a>'.repeat(5000)}`;
  const xml = `<s:Envelope xmlns:s="${S11}"><s:Body><Op>${deep}</Op></s:Body></s:Envelope>`;
  assert.throws(
    () => parseEnvelope(xml),
    (e) => e instanceof SoapFault && e.code === 'Sender',
  );
});

test('withArrays: one, many and none become arrays, through arrays on the way', () => {
  assert.deepEqual(withArrays({ D: { L: { x: '1' } } }, ['D.L']), { D: { L: [{ x: '1' }] } });
  assert.deepEqual(withArrays({ D: { L: [{ x: '1' }, { x: '2' }] } }, ['D.L']), { D: { L: [{ x: '1' }, { x: '2' }] } });
  assert.deepEqual(withArrays({ D: {} }, ['D.L']), { D: { L: [] } });
  assert.deepEqual(withArrays({ L: [{ I: { a: '1' } }, { I: [{ a: '2' }, { a: '3' }] }] }, ['L', 'L.I']), {
    L: [{ I: [{ a: '1' }] }, { I: [{ a: '2' }, { a: '3' }] }],
  });
});
