import { test } from 'node:test';
import assert from 'node:assert/strict';
import { belgianEnterpriseNumber, partyIds } from './identifiers.js';

test('a Belgian tax id as typed is its enterprise number: 0208 endpoint and legal id, BE VAT id', () => {
  for (const typed of ['BE0412345614', 'BE 0412.345.614', '0412.345.614', '412345614'])
    assert.equal(belgianEnterpriseNumber(typed), '0412345614', typed);
  assert.deepEqual(partyIds('BE', 'be 0412.345.614'), {
    endpoint: { id: '0412345614', scheme: '0208' },
    vatId: 'BE0412345614',
    legalId: { id: '0412345614', scheme: '0208' },
  });
});

test('other countries: the Peppol VAT EAS with the prefixed VAT id (Greece prefixes EL); none known, no endpoint', () => {
  assert.deepEqual(partyIds('PT', '503504564').endpoint, { id: 'PT503504564', scheme: '9946' });
  assert.equal(partyIds('PT', 'PT503504564').vatId, 'PT503504564');
  assert.deepEqual(partyIds('GR', '094014201').endpoint, { id: 'EL094014201', scheme: '9933' });
  assert.deepEqual(partyIds('US', '12-3456789'), {
    endpoint: null,
    vatId: 'US12-3456789',
    legalId: { id: '12-3456789' },
  });
});

test('the Portuguese final consumer and a missing tax id identify no one', () => {
  assert.deepEqual(partyIds('PT', '999999990'), { endpoint: null, vatId: null, legalId: null });
  assert.deepEqual(partyIds('BE', ''), { endpoint: null, vatId: null, legalId: null });
});
