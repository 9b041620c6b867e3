import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { emailApp, settle } from '../email/email-env.js';
import { startFakeServiceProvider, type FakeAccessPoint } from '../support/fake-access-points.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import type { TestApp } from '../support/app.js';
import { billitAccount, type BillitClient } from './billit-app.js';

// Billit's DELETE /v1/orders/{id} (#17) on PGlite and PostgreSQL: refused once the order went out by e-mail or over
// Peppol through POST /v1/orders/commands/send, although the client never PATCHed IsSent (Billit refuses it after
// the send); a never-sent order and a draft beside them are still deleted.
let t: TestApp;
let sink: SmtpSink;
let sp: FakeAccessPoint;
let key: string;
let accountId: number;
let billit: BillitClient;
const ON_PEPPOL = '0563846944';

before(async () => {
  sink = await startSmtpSink();
  sp = await startFakeServiceProvider();
  sp.register(`0208:${ON_PEPPOL}`);
  t = await emailApp(sink);
  ({ key, accountId, billit } = await billitAccount(t, 'billit-delete-sent'));
  const set = await t.call(
    'PUT',
    '/v1/account/peppol',
    { kind: 'service-provider', baseUrl: sp.url, apiKey: sp.apiKey, registrationId: sp.registrationId },
    { key },
  );
  assert.equal(set.status, 200, JSON.stringify(set.body));
});
after(async () => {
  await t?.close();
  await sp?.close();
  await sink?.close();
});

async function invoice(customer: Record<string, unknown>): Promise<number> {
  const r = await billit('POST', '/billit/v1/orders', {
    OrderType: 'Invoice',
    OrderDirection: 'Income',
    OrderDate: '2026-12-01',
    Customer: customer,
    OrderLines: [{ Quantity: 1, UnitPriceExcl: 100, Description: 'Consultancy', VATPercentage: 21 }],
  });
  assert.equal(r.status, 200, r.text);
  return Number(r.text);
}

/** Billit's flags of the order as stored: IsSent stays unset unless PATCHed. */
async function storedIsSent(id: number): Promise<boolean | null> {
  const row = await t.db.database.db
    .selectFrom('billit_orders')
    .select('is_sent')
    .where('account_id', '=', accountId)
    .where('document_id', '=', id)
    .executeTakeFirst();
  return row?.is_sent ?? null;
}

async function refusedDelete(id: number, when: string): Promise<void> {
  const r = await billit('DELETE', `/billit/v1/orders/${id}`);
  assert.equal(r.status, 400, `${when}: ${r.text}`);
  assert.equal(r.json().errors[0].Code, 'DocumentNotDeletable', when);
  const after = (await billit('GET', `/billit/v1/orders/${id}`)).json();
  assert.ok(['ToSend', 'ToPay'].includes(after.OrderStatus), `${when}: still issued, ${after.OrderStatus}`);
}

test('an order sent by e-mail is not deleted, from the send on; an unsent one is', async () => {
  const mailed = await invoice({ Name: 'Klant BV', Email: 'boekhouding@klant.be' });
  const unsent = await invoice({ Name: 'Andere BV', Email: 'info@andere.be' });
  const send = await billit('POST', '/billit/v1/orders/commands/send', { TransportType: 'SMTP', OrderIDs: [mailed] });
  assert.equal(send.status, 200, send.text);
  await refusedDelete(mailed, 'queued');
  await settle(t);
  assert.equal((await sink.waitFor(1))[0].envelope.to[0], 'boekhouding@klant.be');
  await refusedDelete(mailed, 'delivered');

  // E-mailed outside Billit (the native API): Billit's flags are untouched, the e-mail alone forbids the DELETE.
  const native = await invoice({ Name: 'Derde BV', Email: 'derde@klant.be' });
  const mail = await t.call('POST', `/v1/documents/${native}/email`, { to: 'derde@klant.be' }, { key });
  assert.equal(mail.status, 202, JSON.stringify(mail.body));
  assert.notEqual(await storedIsSent(native), true, 'IsSent was never set');
  await refusedDelete(native, 'e-mailed through the native API');

  const del = await billit('DELETE', `/billit/v1/orders/${unsent}`);
  assert.equal(del.status, 200, del.text);
  assert.equal(del.text, 'true');
});

test('an order sent over Peppol is not deleted, from the send command on; a draft is', async () => {
  const peppol = await invoice({
    Name: 'Peppol Klant NV',
    VATNumber: `BE${ON_PEPPOL}`,
    Addresses: [
      {
        AddressType: 'InvoiceAddress',
        Street: 'Meir',
        StreetNumber: '1',
        Zipcode: '2000',
        City: 'Antwerpen',
        CountryCode: 'BE',
      },
    ],
  });
  const send = await billit('POST', '/billit/v1/orders/commands/send', { TransportType: 'Peppol', OrderIDs: [peppol] });
  assert.equal(send.status, 200, send.text);
  assert.notEqual(await storedIsSent(peppol), true, 'IsSent was never PATCHed');
  await refusedDelete(peppol, 'queued');
  await settle(t, ['peppol.send']);
  assert.equal(sp.received.length, 1, 'the access point took it');
  await refusedDelete(peppol, 'sent');

  const draft = await t.call(
    'POST',
    '/v1/documents',
    {
      type: 'FT',
      customer: { name: 'Klant BV', taxId: 'BE0202239951', country: 'BE' },
      lines: [{ description: 'A', quantity: '1', unitPrice: '10', taxRate: '21' }],
    },
    { key },
  );
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const del = await billit('DELETE', `/billit/v1/orders/${draft.body.id}`);
  assert.equal(del.status, 200, del.text);
  assert.equal(del.text, 'true');
});
