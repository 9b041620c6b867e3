import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';

// The foreign ids of contacts, items and documents must be the account's: each unknown one is a not_found naming
// its field, checked in the order the fields are listed.
let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const unknown = 987654;
const refused = (r: { status: number; body: any }, field: string, message: string) => {
  assert.equal(r.status, 404, JSON.stringify(r.body));
  assert.equal(r.body.error.code, 'not_found');
  assert.equal(r.body.error.message, message);
  assert.equal(r.body.error.details[0].field, field);
  assert.equal(r.body.error.details[0].issue, 'unknown');
  assert.equal(r.body.error.details[0].message, 'Not found in this account.');
};

test('a contact naming an unknown payment method, shipping method or contact type is refused', async () => {
  refused(
    await t.call('POST', '/v1/contacts', { name: 'C', defaultPaymentMethodId: unknown }),
    'defaultPaymentMethodId',
    `payment method ${unknown} does not exist.`,
  );
  refused(
    await t.call('POST', '/v1/contacts', { name: 'C', defaultShippingMethodId: unknown }),
    'defaultShippingMethodId',
    `shipping method ${unknown} does not exist.`,
  );
  refused(
    await t.call('POST', '/v1/contacts', { name: 'C', typeIds: [unknown] }),
    'typeIds',
    `Contact type ${unknown} does not exist.`,
  );
});

test('an item naming an unknown unit, tax or category is refused', async () => {
  const item = { code: 'REF-1', description: 'Ref', price: '1' };
  refused(
    await t.call('POST', '/v1/items', { ...item, unitId: unknown }),
    'unitId',
    `unitId ${unknown} does not exist.`,
  );
  refused(
    await t.call('POST', '/v1/items', { ...item, purchaseTaxId: unknown }),
    'purchaseTaxId',
    `purchaseTaxId ${unknown} does not exist.`,
  );
  refused(
    await t.call('POST', '/v1/items', { ...item, categoryIds: [unknown] }),
    'categoryIds',
    `Item category ${unknown} does not exist.`,
  );
});

test('a document naming an unknown payment method or state is refused', async () => {
  const line = { description: 'x', quantity: '1', unitPrice: '1' };
  refused(
    await t.call('POST', '/v1/documents', { type: 'FT', paymentMethodId: unknown, lines: [line] }),
    'paymentMethodId',
    `payment method ${unknown} does not exist.`,
  );
  refused(
    await t.call('POST', '/v1/documents', { type: 'FT', stateId: unknown, lines: [line] }),
    'stateId',
    `document state ${unknown} does not exist.`,
  );
});
