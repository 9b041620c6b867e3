import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contactValues } from './contact-input.js';
import { DomainError } from '../../domain/errors.js';

const taxIdOf = (taxId: string, country: string) => contactValues({ name: 'X', taxId, country }, false).tax_id;
const refused = (taxId: string, country: string) =>
  assert.throws(
    () => contactValues({ name: 'X', taxId, country }, false),
    (e: unknown) => e instanceof DomainError && e.code === 'invalid_tax_id' && e.details[0]?.field === 'taxId',
  );

test('a Belgian enterprise number is checked (mod 97) and stored as its VAT number', () => {
  refused('BE0123456788', 'BE');
  refused('0123456788', 'BE');
  assert.equal(taxIdOf('0123.456.749', 'BE'), 'BE0123456749');
  assert.equal(taxIdOf('BE0123456749', 'be'), 'BE0123456749');
});

test('Portuguese NIFs keep their check digit rule and drop the PT prefix', () => {
  assert.equal(taxIdOf('PT 501 964 843', 'PT'), '501964843');
  refused('501964844', 'PT');
});

test('other countries are unchanged: EU VAT format, or only characters elsewhere', () => {
  assert.equal(taxIdOf('ESX1234567X', 'ES'), 'ESX1234567X');
  refused('ES12', 'ES');
  assert.equal(taxIdOf('123-45-6789', 'US'), '123-45-6789');
});
