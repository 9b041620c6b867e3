import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const invoice = (customer: Record<string, string>) => ({
  type: 'FT',
  finalize: true,
  customer,
  lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10.00', taxName: 'IVA23' }],
});

const taxIdOf = async (id: number) => (await t.call('GET', `/v1/documents/${id}`)).body.customer.taxId;

test('an inline customer sharing an e-mail with another taxpayer is issued to its own tax id, not to the contact with that e-mail', async () => {
  const alfa = await t.call(
    'POST',
    '/v1/documents',
    invoice({ name: 'Alfa', taxId: '250000016', email: 'contas@example.com' }),
  );
  assert.equal(alfa.status, 201, JSON.stringify(alfa.body));
  const beta = await t.call(
    'POST',
    '/v1/documents',
    invoice({ name: 'Beta', taxId: '250000024', email: 'contas@example.com' }),
  );
  assert.equal(beta.status, 201, JSON.stringify(beta.body));
  assert.equal(await taxIdOf(alfa.body.id), '250000016');
  assert.equal(await taxIdOf(beta.body.id), '250000024');
  // Without a tax id, the e-mail still finds the customer (the vendors' behaviour).
  const again = await t.call('POST', '/v1/documents', invoice({ name: 'Beta?', email: 'CONTAS@example.com' }));
  assert.equal(again.status, 201, JSON.stringify(again.body));
  assert.equal(await taxIdOf(again.body.id), '250000016');
});

test("a customer code that belongs to another taxpayer is refused (422 on customer.taxId), nothing issued; the code's own tax id is accepted", async () => {
  const first = await t.call('POST', '/v1/documents', invoice({ code: 'C-77', name: 'Gama', taxId: '123456789' }));
  assert.equal(first.status, 201, JSON.stringify(first.body));
  const before = (await t.call('GET', '/v1/documents')).body.pagination.total;
  const clash = await t.call('POST', '/v1/documents', invoice({ code: 'C-77', name: 'Delta', taxId: '250000024' }));
  assert.equal(clash.status, 422, JSON.stringify(clash.body));
  assert.equal(clash.body.error.details[0].field, 'customer.taxId');
  assert.equal((await t.call('GET', '/v1/documents')).body.pagination.total, before);
  const same = await t.call('POST', '/v1/documents', invoice({ code: 'C-77', name: 'Gama', taxId: '123 456 789' }));
  assert.equal(same.status, 201, JSON.stringify(same.body));
  assert.equal(same.body.customer?.id ?? same.body.contactId, first.body.customer?.id ?? first.body.contactId);
});
