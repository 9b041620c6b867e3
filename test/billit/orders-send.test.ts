import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { emailApp, settle } from '../email/email-env.js';
import type { TestApp } from '../support/app.js';
import { billitAccounts, type BillitClient } from './billit-app.js';

// POST /v1/orders/commands/send of the Billit dialect (#17) on PGlite and PostgreSQL: SMTP through the e-mail
// outbox to a real SMTP server, Billit's errors for a customer without e-mail and for the transports not served
// here, body names in any case, another party's order. (Peppol sends: test/billit/peppol.test.ts.)
let t: TestApp;
let sink: SmtpSink;
let billit: BillitClient;
let other: BillitClient;

before(async () => {
  sink = await startSmtpSink();
  t = await emailApp(sink);
  ({ billit, other } = await billitAccounts(t, 'billit-send'));
});
after(async () => {
  await t?.close();
  await sink?.close();
});

async function invoice(email: string | null, name = 'Klant BV'): Promise<number> {
  const r = await billit('POST', '/billit/v1/orders', {
    OrderType: 'Invoice',
    OrderDirection: 'Income',
    OrderDate: '2026-12-01',
    Customer: { Name: name, ...(email ? { Email: email } : {}) },
    OrderLines: [{ Quantity: 1, UnitPriceExcl: 100, Description: 'Consultancy', VATPercentage: 21 }],
  });
  assert.equal(r.status, 200, r.text);
  return Number(r.text);
}

test('SMTP: 200 with an empty body, the PDF reaches the SMTP server, the order shows the e-mail delivered', async () => {
  const a = await invoice('boekhouding@klant.be');
  const b = await invoice('finance@tweede.be', 'Tweede BV');
  // T's and B's spelling: Transporttype / OrderIDs.
  const r = await billit('POST', '/billit/v1/orders/commands/send', { Transporttype: 'SMTP', OrderIDs: [a, b] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.text, '');
  const pending = (await billit('GET', `/billit/v1/orders/${a}`)).json();
  assert.equal(pending.CurrentDocumentDeliveryDetails.DocumentDeliveryStatus, 'Pending');
  await settle(t);
  const mails = await sink.waitFor(2);
  assert.deepEqual(mails.map((m) => m.envelope.to[0]).sort(), ['boekhouding@klant.be', 'finance@tweede.be']);
  assert.ok(mails.every((m) => m.attachments.some((x) => x.content.subarray(0, 5).toString() === '%PDF-')));
  const o = (await billit('GET', `/billit/v1/orders/${a}`)).json();
  assert.equal(o.IsSent, true);
  assert.equal(o.CurrentDocumentDeliveryDetails.DocumentDeliveryStatus, 'Delivered');
  assert.deepEqual(
    o.Messages.map((m: { TransportType: string; Destination: string; Success: boolean }) => [
      m.TransportType,
      m.Destination,
      m.Success,
    ]),
    [['SMTP', 'boekhouding@klant.be', true]],
  );
  // Sent: the list's IsSent filter finds both, and DELETE is refused now.
  const list = await billit('GET', `/billit/v1/orders?$filter=${encodeURIComponent('IsSent eq true')}`);
  assert.deepEqual(
    list
      .json()
      .Items.map((x: { OrderID: number }) => x.OrderID)
      .sort(),
    [a, b].sort(),
  );
  assert.equal((await billit('DELETE', `/billit/v1/orders/${a}`)).status, 400);
});

test('SMTP to a customer without a valid e-mail: TheCustomer_0_DoesNotHaveAValidEmailAddress, nothing queued', async () => {
  const ok = await invoice('ok@klant.be');
  const none = await invoice(null, 'Zonder Mail BV');
  const before = sink.messages.length;
  const r = await billit('POST', '/billit/v1/orders/commands/send', { TransportType: 'SMTP', OrderIds: [ok, none] });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json().errors[0].Code, 'TheCustomer_0_DoesNotHaveAValidEmailAddress');
  assert.match(r.json().errors[0].Description, /Zonder Mail BV/);
  await settle(t);
  assert.equal(sink.messages.length, before, 'no e-mail for the valid one either');
  assert.equal((await billit('GET', `/billit/v1/orders/${ok}`)).json().IsSent, false);
});

test("Letter, SDI, KSeF and the other networks get Billit's unsupported-transport error; bad bodies a 400", async () => {
  const id = await invoice('x@klant.be');
  for (const transport of ['Letter', 'SDI', 'KSeF', 'ANAF', 'OSA', 'SAT', 'MyInvois', 'Chorus', 'PDP', 'letter']) {
    const r = await billit('POST', '/billit/v1/orders/commands/send', { TransportType: transport, OrderIDs: [id] });
    assert.equal(r.status, 400, `${transport}: ${r.text}`);
    assert.equal(r.json().errors[0].Code, 'TransportTypeNotSupported');
  }
  for (const body of [
    { TransportType: 'Fax', OrderIDs: [id] },
    { TransportType: 'SMTP', OrderIDs: [] },
    { TransportType: 'SMTP' },
    { OrderIDs: [id] },
    { TransportType: 'SMTP', OrderIDs: ['abc'] },
  ]) {
    const r = await billit('POST', '/billit/v1/orders/commands/send', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.ok(Array.isArray(r.json().errors));
  }
});

test("another party's order: 401, nothing sent", async () => {
  const id = await invoice('mine@klant.be');
  const before = sink.messages.length;
  const r = await other('POST', '/billit/v1/orders/commands/send', { TransportType: 'SMTP', OrderIDs: [id] });
  assert.equal(r.status, 401, r.text);
  await settle(t);
  assert.equal(sink.messages.length, before);
});
