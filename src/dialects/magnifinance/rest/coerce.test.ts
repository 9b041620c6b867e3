import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MfComplex, MfOperation } from '../operation.js';
import { coerceRest, restVocabulary } from './coerce.js';
import { parseMfJson } from './json.js';

test('numbers keep the digits the client wrote; malformed JSON still throws', () => {
  const body = parseMfJson('{"a": 12.195, "b": [1, -0.1e2], "c": "x 1", "d": true, "e": null}');
  assert.deepEqual(body, { a: '12.195', b: ['1', '-0.1e2'], c: 'x 1', d: true, e: null });
  assert.deepEqual(parseMfJson('{"s": "say \\"7\\" 8"}'), { s: 'say "7" 8' });
  assert.equal((parseMfJson('{"p": 0.1234567890123456789}') as { p: string }).p, '0.1234567890123456789');
  for (const bad of ['{"a": 1 2}', '{"a": -}', '{"a": 1.}', '{"a":', '{a: 1}'])
    assert.throws(() => parseMfJson(bad), bad);
  assert.deepEqual(parseMfJson('{"__proto__": {"x": 1}}'), {});
});

const line: MfComplex = {
  kind: 'complex',
  name: 'APIInvoicingProduct',
  fields: [
    { name: 'Code', type: 'string' },
    { name: 'UnitPrice', type: 'decimal' },
  ],
};
const document: MfComplex = {
  kind: 'complex',
  name: 'Document',
  fields: [
    { name: 'Id', type: 'int' },
    { name: 'Serie', type: 'string' },
    {
      name: 'Lines',
      type: { kind: 'array', name: 'ArrayOfAPIInvoicingProduct', item: 'APIInvoicingProduct', of: line },
    },
  ],
};
const create = {
  name: 'DocumentCreate',
  wsdl: {
    input: [
      { name: 'Client', type: { kind: 'complex', name: 'Client', fields: [{ name: 'Address', type: 'string' }] } },
      { name: 'Document', type: document },
      { name: 'IsToClose', type: 'boolean' },
    ],
    output: 'string',
  },
} as unknown as MfOperation;

test('a REST body reads as the SOAP element: names without case, numbers as text, flat lines wrapped', () => {
  const input = coerceRest(
    {
      isToClose: true,
      client: { address: false, Other: 7 },
      document: {
        id: 0,
        lines: [{ code: 'SI', UnitPrice: '1' }, { APIInvoicingProduct: { Code: 'X' } }],
      },
    },
    restVocabulary([create]),
  );
  assert.deepEqual(input, {
    IsToClose: true,
    Client: { Address: false, Other: '7' },
    Document: {
      Id: '0',
      Lines: [{ APIInvoicingProduct: { Code: 'SI', UnitPrice: '1' } }, { APIInvoicingProduct: { Code: 'X' } }],
    },
  });
  assert.deepEqual(coerceRest({ Serie: 'A', serie: 'B' }, restVocabulary([create])), { Serie: 'A' });
  assert.deepEqual(coerceRest(null, restVocabulary([])), {});
  assert.deepEqual(coerceRest([1], restVocabulary([])), {});
});
