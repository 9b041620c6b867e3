import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_LINES, productsOf } from './lines-input.js';
import { mfReader } from './reader.js';

test('Lines: one <Lines> per line or one of many merge; past MAX_LINES a ValidationError on Lines', () => {
  const product = { Description: 'x', UnitPrice: '1', Quantity: '1' };
  const soap = mfReader({ Lines: [{ APIInvoicingProduct: [product] }, { APIInvoicingProduct: [product, product] }] });
  assert.equal(productsOf(soap).length, 3);
  const many = mfReader({ Lines: Array.from({ length: 20_000 }, () => product) });
  assert.equal(productsOf(many).length, MAX_LINES);
  assert.throws(
    () => many.check(),
    (err: { code?: number; validationErrors?: { Field?: string }[] }) => err.code === 2,
  );
});
