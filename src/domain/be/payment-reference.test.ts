import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isPaymentReference,
  parsePaymentReference,
  paymentReferenceCheck,
  paymentReferenceFor,
  paymentReferenceOf,
} from './payment-reference.js';

test('the check digits are the base mod 97, 00 written 97', () => {
  // 1234567890 mod 97 = 2
  assert.equal(paymentReferenceCheck('1234567890'), '02');
  assert.equal(paymentReferenceOf('1234567890'), '+++123/4567/89002+++');
  // 0000000097 mod 97 = 0 → 97
  assert.equal(paymentReferenceCheck('0000000097'), '97');
  assert.equal(paymentReferenceOf('0000000097'), '+++000/0000/09797+++');
});

test('a reference is derived from a unique number: its last ten digits', () => {
  assert.equal(paymentReferenceFor(42), paymentReferenceOf('0000000042'));
  assert.equal(paymentReferenceFor(12_345_678_901), paymentReferenceOf('2345678901'));
  assert.ok(isPaymentReference(paymentReferenceFor(7)));
  assert.throws(() => paymentReferenceFor(-1));
});

test('given references are validated and put in display form', () => {
  assert.equal(parsePaymentReference('+++123/4567/89002+++'), '+++123/4567/89002+++');
  assert.equal(parsePaymentReference('***123/4567/89002***'), '+++123/4567/89002+++');
  assert.equal(parsePaymentReference('123456789002'), '+++123/4567/89002+++');
  assert.equal(parsePaymentReference(' 123 4567 89002 '), '+++123/4567/89002+++');
  assert.equal(parsePaymentReference('+++123/4567/89003+++'), null);
  assert.equal(parsePaymentReference('+++123/4567/8900+++'), null);
  assert.equal(parsePaymentReference('+++000/0000/00097+++'), null);
  assert.equal(parsePaymentReference('RF18539007547034'), null);
  assert.equal(isPaymentReference('123456789002'), false);
});
