import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

// The create-and-finalize response is built from the rows the transaction wrote (no re-read): it must be
// exactly what GET returns, whichever way the request was prepared.
test('the create-and-finalize response is the document as GET shows it', async () => {
  const item = await t.call('POST', '/v1/items', { code: 'KG-RICE', description: 'Arroz', price: '1.2345' });
  assert.equal(item.status, 201, JSON.stringify(item.body));
  const bodies = [
    // new inline customer and inline item: prepared inside the transaction
    {
      type: 'FT',
      finalize: true,
      customer: { name: 'Novo Cliente', taxId: '123456789' },
      lines: [{ item: { code: 'NEW-1', description: 'Novo' }, quantity: '2', unitPrice: '3.5', taxName: 'IVA23' }],
    },
    // existing customer and item, discounts, exemption: prepared before the transaction
    {
      type: 'FR',
      finalize: true,
      customer: { taxId: '123456789' },
      reference: 'PO-1',
      observations: 'obs',
      lines: [
        { itemId: item.body.id, quantity: '3', discounts: ['10', '5'], taxName: 'IVA13' },
        { description: 'Isento', quantity: '1', unitPrice: '7.123456', taxName: 'IVA0', exemptionCode: 'M07' },
      ],
    },
    {
      type: 'FS',
      finalize: true,
      lines: [{ description: 'Balcão', quantity: '1.5', unitPrice: '2', taxName: 'IVA6' }],
      globalDiscount: { kind: 'percent', value: '2.5' },
    },
  ];
  for (const body of bodies) {
    const created = await t.call('POST', '/v1/documents', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.status, 'final');
    const got = await t.call('GET', `/v1/documents/${created.body.id}`);
    assert.deepEqual(created.body, got.body, `${body.type}: response and GET differ`);
  }
});
