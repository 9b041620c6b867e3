import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasDoctype, readUntrustedXml, untrustedXmlParser } from './xml-read.js';

const parser = untrustedXmlParser({ removeNSPrefix: true });

test('a DOCTYPE is refused wherever it stands: prolog, inside the root, after a comment-like attribute', () => {
  for (const xml of [
    '<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>',
    '<a><!doctype x [<!ENTITY e "boom">]>&e;</a>',
    '<a x="<!--"><!DOCTYPE y [<!ENTITY e "boom">]>&e;<b y="-->"/></a>',
  ]) {
    assert.equal(hasDoctype(xml), true, xml);
    assert.deepEqual(readUntrustedXml(xml, parser), { ok: false, issue: 'doctype' });
  }
});

test('well-formed XML is parsed with values as strings, attributes under @, prefixes removed when asked', () => {
  const read = readUntrustedXml('<p:a xmlns:p="urn:x"><p:n c="EUR">0012.50</p:n><p:t>a &amp; b</p:t></p:a>', parser);
  assert.deepEqual(read, {
    ok: true,
    doc: { a: { n: { '#text': '0012.50', '@c': 'EUR' }, t: 'a & b' } },
  });
  const bad = readUntrustedXml('<a><b></a>', parser);
  assert.equal(bad.ok, false);
  assert.equal(!bad.ok && bad.issue, 'malformed');
});
