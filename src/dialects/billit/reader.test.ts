import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BillitError } from './billit-error.js';
import { billitInput } from './reader.js';
import { parseBillitJson } from './json-body.js';

test('the Billit reader matches field names without case and takes explicit null as absent', () => {
  const b = billitInput({ transporttype: 'Peppol', OrderIds: [1, 2], PaidDate: null, Paid: 'true' });
  assert.equal(b.text('TransportType'), 'Peppol');
  assert.deepEqual(b.ids('OrderIDs'), [1, 2]);
  assert.equal(b.text('PaidDate'), null);
  assert.equal(b.isNull('paiddate'), true);
  assert.equal(b.sent('PAIDDATE'), true);
  assert.equal(b.bool('paid'), true);
  assert.equal(b.text('Missing'), undefined);
});

test('problems are answered together in Billit’s envelope', () => {
  const b = billitInput({ OrderLines: [{ Quantity: 'x' }] });
  b.list('orderlines')?.[0].decimal('Quantity');
  b.fail('TheOrderMustHaveAtLeastOneOrderLine', 'The order must have at least one order line.');
  assert.throws(
    () => b.check(),
    (err: unknown) =>
      err instanceof BillitError &&
      err.status === 400 &&
      err.errors.map((e) => e.Code).join(',') === 'InvalidValue,TheOrderMustHaveAtLeastOneOrderLine',
  );
});

test('a body with comments (Billit’s own examples) is read; strings keep their slashes', () => {
  const text = '{\n "Url": "https://x.be/a//b", // a comment\n /* block */ "N": 1\n}';
  assert.deepEqual(parseBillitJson(text), { Url: 'https://x.be/a//b', N: 1 });
  assert.throws(() => parseBillitJson('{"a": 1,,}'));
});
