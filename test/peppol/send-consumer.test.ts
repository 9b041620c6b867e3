import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateEinvoice } from '../../src/exports/einvoice/validate/index.js';
import { startFakeServiceProvider } from '../support/fake-access-points.js';
import { beInvoice, startSendEnv, type SendEnv } from './send-env.js';

// A Belgian invoice to a consumer (no VAT number, so no Peppol address): no participant lookup, never the access
// point; the e-mail fallback carries an EN 16931 UBL (a Peppol one would fail PEPPOL-EN16931-R010, no buyer
// EndpointID); strict transport and a consumer without e-mail are refused on the first attempt. Both DBs.
let env: SendEnv;
let sp: Awaited<ReturnType<typeof startFakeServiceProvider>>;

before(async () => {
  sp = await startFakeServiceProvider({ apiKey: 'sp-key-C1', registrationId: 'reg-c1' });
  env = await startSendEnv('peppol-consumer');
  const put = await env.call('PUT', '/v1/account/peppol', {
    kind: 'service-provider',
    baseUrl: sp.url,
    apiKey: 'sp-key-C1',
    registrationId: 'reg-c1',
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
});
after(async () => {
  await env?.close();
  await sp?.close();
});

/** A finalized invoice to a consumer (no tax id), POSTed to /peppol. */
async function sendToConsumer(email: string | null, body: unknown = {}) {
  const inv = beInvoice('BE0202239951');
  const { taxId: _taxId, email: _email, ...rest } = inv.customer;
  const customer = { ...rest, name: 'Jan Peeters', ...(email ? { email } : {}) };
  const created = await env.call('POST', '/v1/documents', { ...inv, customer });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const queued = await env.call('POST', `/v1/documents/${created.body.id}/peppol`, body);
  assert.equal(queued.status, 202, JSON.stringify(queued.body));
  assert.equal(queued.body.receiver, null);
  return { id: created.body.id as number, queued: queued.body };
}

test('a consumer with an e-mail: no lookup, e-mailed with the PDF and an EN 16931 UBL that passes', async () => {
  const lookups = sp.lookups.length;
  const received = sp.received.length;
  const mails = env.sink.messages.length;
  const { id } = await sendToConsumer('jan.peeters@example.be');
  const [t] = await env.history(id);
  assert.deepEqual([t.transport, t.status, t.attempts], ['email', 'delivered', 1], JSON.stringify(t));
  assert.match(t.reason, /receiver not on Peppol/);
  assert.equal(sp.lookups.length, lookups);
  assert.equal(sp.received.length, received);
  await env.sink.waitFor(mails + 1);
  const m = env.sink.messages.at(-1)!;
  assert.deepEqual(m.envelope.to, ['jan.peeters@example.be']);
  const xmlPart = m.attachments.find((a) => a.contentType.startsWith('application/xml'));
  assert.ok(xmlPart, 'the UBL is attached');
  const xml = xmlPart.content.toString('utf8');
  assert.match(xml, /<cbc:CustomizationID>urn:cen\.eu:en16931:2017<\/cbc:CustomizationID>/);
  assert.doesNotMatch(xml, /peppol\.eu/);
  assert.doesNotMatch(xml, /<cac:AccountingCustomerParty>[\s\S]*<cbc:EndpointID/);
  const v = await validateEinvoice(xml, { profiles: ['en16931'] });
  assert.deepEqual(
    { xsd: v.xsd.errors, fatal: v.findings.filter((f) => f.flag === 'fatal').map((f) => f.id) },
    { xsd: [], fatal: [] },
  );
});

test('strict transport to a consumer: refused "receiver not on Peppol" on the first attempt, no lookup, no e-mail', async () => {
  const lookups = sp.lookups.length;
  const mails = env.sink.messages.length;
  const { id } = await sendToConsumer('jan.peeters@example.be', { strictTransport: true });
  const [t] = await env.history(id);
  assert.deepEqual([t.status, t.reason, t.attempts], ['refused', 'receiver not on Peppol', 1], JSON.stringify(t));
  assert.equal(sp.lookups.length, lookups);
  assert.equal(env.sink.messages.length, mails);
  assert.ok(env.events(id).some((e) => e.type === 'document.peppol.refused'));
});

test('a consumer without an e-mail address: refused with the reason on the first attempt, not failed', async () => {
  const mails = env.sink.messages.length;
  const { id } = await sendToConsumer(null);
  const [t] = await env.history(id);
  assert.deepEqual([t.status, t.attempts], ['refused', 1], JSON.stringify(t));
  assert.match(t.reason, /not on Peppol.*no e-mail address/);
  assert.equal(env.sink.messages.length, mails);
});
