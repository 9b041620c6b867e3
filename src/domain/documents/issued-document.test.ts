import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type IssuedDocument, type IssuedLine, externalReferences, referencedDocuments } from './issued-document.js';

const ref = (id: number, number: string) => ({ id, type: 'FT', number, date: '2026-01-0' + id });
const line = (origin: ReturnType<typeof ref> | null): IssuedLine => ({
  id: 1,
  position: 1,
  itemId: null,
  code: 'A',
  description: 'A',
  productType: 'P',
  quantity: '1',
  unit: 'UN',
  unitPrice: '10',
  discounts: ['0', '0', '0'],
  tax: { id: null, type: 'IVA', region: 'PT', code: 'NOR', rate: '23' },
  exemption: null,
  vatCategory: null,
  vatexCode: null,
  exemptionReason: null,
  amounts: { net: '10', unitNetPrice: '10', discount: '0', netTotal: '10.00', taxTotal: '2.30', grossTotal: '12.30' },
  origin: origin ? { lineId: 7, document: origin } : null,
  externalReference: null,
});

test('referenced documents: the corrected one first, then each line origin once, never the document itself', () => {
  const doc = {
    id: 9,
    related: ref(3, 'FT A/3'),
    lines: [line(ref(1, 'GT A/1')), line(ref(3, 'FT A/3')), line(null), line(ref(1, 'GT A/1')), line(ref(9, 'x'))],
  } as unknown as IssuedDocument;
  assert.deepEqual(
    referencedDocuments(doc).map((r) => r.number),
    ['FT A/3', 'GT A/1'],
  );
});

test('originals outside the system: each number once, in line order', () => {
  const named = (number: string): IssuedLine => ({
    ...line(null),
    externalReference: { number, date: '2019-05-02', reason: null },
  });
  const doc = { lines: [named('FT 2019/7'), line(null), named('FT 2019/3'), named('FT 2019/7')] } as IssuedDocument;
  assert.deepEqual(
    externalReferences(doc).map((r) => r.number),
    ['FT 2019/7', 'FT 2019/3'],
  );
});
