import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateEinvoice } from '../../src/exports/einvoice/validate/index.js';
import { startFakeServiceProvider } from '../support/fake-access-points.js';
import { startSendEnv, type SendEnv } from './send-env.js';

// Peppol delivery through a service provider's API (Billit's access-point shape), end to end on PGlite and PostgreSQL:
// the native routes, the peppol.send outbox job, the fake access point as a real HTTP server, the status webhook, the
// e-mail fallback through a real SMTP sink, and the document.peppol.* webhook events.
let env: SendEnv;
let sp: Awaited<ReturnType<typeof startFakeServiceProvider>>;
let callback: string;
const ON_PEPPOL = 'BE0202239951';

before(async () => {
  sp = await startFakeServiceProvider({ apiKey: 'sp-key-Zq9', registrationId: 'reg-77' });
  sp.register(`0208:${ON_PEPPOL.slice(2)}`);
  env = await startSendEnv('peppol-sp');
  const put = await env.call('PUT', '/v1/account/peppol', {
    kind: 'service-provider',
    baseUrl: sp.url,
    apiKey: 'sp-key-Zq9',
    registrationId: 'reg-77',
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.apiKeySet, true);
  assert.equal(put.body.participantId, '0208:0412345614');
  assert.doesNotMatch(JSON.stringify(put.body), /sp-key-Zq9/);
  const url = new URL(put.body.statusCallbackUrl);
  callback = `${env.origin}${url.pathname}`;
});
after(async () => {
  await env?.close();
  await sp?.close();
});

test('settings: secrets write-only, the callback URL shown once, admin keys only for writes', async () => {
  const get = await env.call('GET', '/v1/account/peppol');
  assert.equal(get.status, 200);
  assert.deepEqual(
    {
      kind: get.body.kind,
      baseUrl: get.body.baseUrl,
      registrationId: get.body.registrationId,
      key: get.body.apiKeySet,
    },
    { kind: 'service-provider', baseUrl: sp.url, registrationId: 'reg-77', key: true },
  );
  assert.equal(get.body.statusCallbackUrl, undefined);
  assert.doesNotMatch(JSON.stringify(get.body), /sp-key-Zq9/);
  const bad = await env.call('PUT', '/v1/account/peppol', { kind: 'gateway', url: 'ftp://x' });
  assert.equal(bad.status, 422, JSON.stringify(bad.body));
});

test('a Belgian invoice at 21 % and 6 % reaches the access point as valid Peppol UBL: queued → sent → delivered', async () => {
  const before = sp.received.length;
  const { id, queued } = await env.send(ON_PEPPOL);
  assert.equal(queued.status, 'queued');
  assert.equal(queued.receiver, '0208:0202239951');
  const [t] = await env.history(id);
  assert.equal(t.status, 'sent', JSON.stringify(t));
  assert.equal(sp.received.length, before + 1);
  const got = sp.received.at(-1)!;
  assert.equal(t.transmissionId, got.transmissionId);
  assert.equal(got.receiver.replace(/^.*:/, ''), '0202239951');
  assert.equal(got.headers.apikey, 'sp-key-Zq9');
  const v = await validateEinvoice(got.ubl, { profiles: ['peppol'] });
  assert.deepEqual(
    { xsd: v.xsd.errors, fatal: v.findings.filter((f) => f.flag === 'fatal').map((f) => f.id) },
    { xsd: [], fatal: [] },
  );
  assert.match(got.ubl, /<cbc:Percent>21(\.00)?<\/cbc:Percent>[\s\S]*<cbc:Percent>6(\.00)?<\/cbc:Percent>/);

  // The provider's status webhook (its own shape), at the secret URL; a wrong token is not found.
  const wrong = await fetch(callback.replace(/.{4}$/, 'AAAA'), { method: 'POST', body: '{}' });
  assert.equal(wrong.status, 404);
  const r = await sp.deliver(got.transmissionId, callback);
  assert.equal(r?.status, 204, r?.body);
  const [done] = await env.history(id);
  assert.equal(done.status, 'delivered');
  const types = env.events(id).map((e) => e.type);
  assert.deepEqual(types.sort(), ['document.peppol.delivered', 'document.peppol.queued', 'document.peppol.sent']);
  const delivered = env.events(id).find((e) => e.type === 'document.peppol.delivered')!;
  assert.equal(delivered.data.document.id, id);
  assert.equal(delivered.data.transmission.transmissionId, got.transmissionId);

  // Sent once: a second send of a delivered document is refused.
  const again = await env.call('POST', `/v1/documents/${id}/peppol`, {});
  assert.equal(again.status, 409);
});

test('a 503 from the access point is retried with the same instance id, then sent', async () => {
  sp.failNext(1, 503);
  const before = sp.received.length;
  const { id } = await env.send(ON_PEPPOL);
  const [t] = await env.history(id);
  assert.equal(t.status, 'sent', JSON.stringify(t));
  assert.equal(t.attempts, 2);
  assert.equal(sp.received.length, before + 1);
});

test('without the status webhook, GET …/peppol?refresh=true asks the access point: delivered', async () => {
  const { id } = await env.send(ON_PEPPOL);
  const [t] = await env.history(id);
  assert.equal(t.status, 'sent');
  await sp.deliver(t.transmissionId);
  const plain = await env.call('GET', `/v1/documents/${id}/peppol`);
  assert.equal(plain.body.data[0].status, 'sent');
  const polled = await env.call('GET', `/v1/documents/${id}/peppol?refresh=true`);
  assert.equal(polled.status, 200, JSON.stringify(polled.body));
  assert.equal(polled.body.data[0].status, 'delivered');
});

test('transport faults until the attempts run out: failed, with the last fault', async () => {
  sp.failNext(50, 503);
  try {
    const { id } = await env.send(ON_PEPPOL);
    const [t] = await env.history(id);
    assert.equal(t.status, 'failed', JSON.stringify(t));
    assert.equal(t.attempts, 10);
    assert.match(t.reason, /503/);
    assert.ok(env.events(id).some((e) => e.type === 'document.peppol.failed'));
  } finally {
    sp.failNext(0);
  }
});

test('a refusal stops the send: refused with the reason, no retry', async () => {
  sp.refuseNext('The buyer reference is unknown to the receiver');
  const before = sp.received.length;
  const { id } = await env.send(ON_PEPPOL);
  const [t] = await env.history(id);
  assert.equal(t.status, 'refused');
  assert.match(t.reason, /buyer reference is unknown/);
  assert.equal(t.attempts, 1);
  assert.equal(sp.received.length, before);
  assert.ok(
    env
      .events(id)
      .some((e) => e.type === 'document.peppol.refused' && /buyer reference/.test(e.data.transmission.reason)),
  );
});

test('a receiver not on Peppol gets an e-mail with the PDF and the UBL attached', async () => {
  const mails = env.sink.messages.length;
  const { id } = await env.send('BE0765432146');
  const [t] = await env.history(id);
  assert.equal(t.transport, 'email', JSON.stringify(t));
  assert.equal(t.status, 'delivered');
  assert.ok(t.emailId);
  assert.match(t.reason, /receiver not on Peppol/);
  const [mail] = await env.sink.waitFor(mails + 1);
  const m = env.sink.messages.at(-1)!;
  assert.ok(mail);
  assert.deepEqual(m.envelope.to, ['boekhouding-be0765432146@klant.be']);
  const names = m.attachments.map((a) => a.contentType.split(';')[0]).sort();
  assert.deepEqual(names, ['application/pdf', 'application/xml']);
  const xml = m.attachments.find((a) => a.contentType.startsWith('application/xml'))!.content.toString('utf8');
  const v = await validateEinvoice(xml, { profiles: ['peppol'] });
  assert.equal(v.fatal, 0);
});

test('strict transport: a receiver not on Peppol is refused, nothing is e-mailed', async () => {
  const mails = env.sink.messages.length;
  const { id } = await env.send('BE0123456749', { strictTransport: true });
  const [t] = await env.history(id);
  assert.deepEqual([t.status, t.reason, t.transport], ['refused', 'receiver not on Peppol', 'peppol']);
  assert.equal(env.sink.messages.length, mails);
});

test('participant lookup through the access point: 0208 first, cached', async () => {
  const r = await env.call('GET', `/v1/peppol/participants/${ON_PEPPOL}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.participantId, '0208:0202239951');
  assert.equal(r.body.registered, true);
  const again = await env.call('GET', '/v1/peppol/participants/0208:0202239951');
  assert.equal(again.body.cached, true);
  const bad = await env.call('GET', '/v1/peppol/participants/BE0202239952');
  assert.equal(bad.status, 422);
});

test('tenant isolation: another account’s document is not found', async () => {
  const { id } = await env.send(ON_PEPPOL);
  await env.history(id);
  const other = await env.t.newAccount();
  const post = await env.call('POST', `/v1/documents/${id}/peppol`, {}, other.apiKey);
  assert.equal(post.status, 404);
  const get = await env.call('GET', `/v1/documents/${id}/peppol`, undefined, other.apiKey);
  assert.equal(get.status, 404);
});
