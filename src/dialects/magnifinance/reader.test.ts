import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MfError } from './mf-error.js';
import { mfReader } from './reader.js';

test('names in any letter case; REST numbers and booleans read like SOAP text; a boolean where text goes is absent', () => {
  const r = mfReader({ documentId: '12', IsToClose: 'true', UnitPrice: 1.5, Address: false, NIF: 180975030 });
  assert.equal(r.id('DocumentId'), 12);
  assert.equal(r.bool('IsToClose'), true);
  assert.equal(r.decimal('UnitPrice'), '1.5');
  assert.equal(r.str('Address'), undefined);
  assert.equal(r.str('NIF'), '180975030');
  r.check();
});

test('problems become one 02 ValidationError each, with the field path and line number', () => {
  const r = mfReader({ Document: { Lines: [{ Quantity: 'x' }] } });
  const line = r.sub('Document')!.listOf(['Lines'])![0]!;
  line.decimal('Quantity');
  line.problem('Type', 'Invalid', 'S or P.');
  assert.throws(
    () => r.check(),
    (e: unknown) =>
      e instanceof MfError &&
      e.code === 2 &&
      e.validationErrors.length === 2 &&
      e.validationErrors[0]!.Field === 'Document.Lines.0.Quantity' &&
      e.validationErrors[0]!.ElementNumber === 0 &&
      e.validationErrors[1]!.Detail === 'S or P.',
  );
});
