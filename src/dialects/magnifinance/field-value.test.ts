import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MfError } from './mf-error.js';
import { valueAt, withSentValues } from './field-value.js';

test('a ValidationError gets the value sent at its path, through SOAP line wrappers and letter case', () => {
  const soap = {
    Document: {
      Date: '2026-13-45',
      Lines: [{ APIInvoicingProduct: { Q: '1' } }, { APIInvoicingProduct: [{ Q: '2' }, { Quantity: '-1' }] }],
    },
  };
  assert.equal(valueAt(soap, 'Document.Lines.2.Quantity'), '-1');
  assert.equal(valueAt({ document: { lines: [{ quantity: 3 }] } }, 'Document.Lines.0.Quantity'), '3');
  assert.equal(valueAt(soap, 'Document.Nothing.Here'), '');
  const e = withSentValues(MfError.field('Document.Date', 'Invalid', 'Not a date.'), soap);
  assert.equal(e.validationErrors[0]!.Value, '2026-13-45');
  const secret = withSentValues(MfError.field('activation.Password', 'Invalid', 'Refused.'), {
    activation: { Password: 'x' },
  });
  assert.equal(secret.validationErrors[0]!.Value, undefined);
});
