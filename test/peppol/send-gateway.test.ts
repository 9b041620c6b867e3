import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { validateEinvoice } from '../../src/exports/einvoice/validate/index.js';
import { startFakeGateway, startFakeSmp } from '../support/fake-access-points.js';
import { startSendEnv, type SendEnv } from './send-env.js';

// Peppol delivery through an SBDH gateway (an Oxalis/phase4 HTTP front), receivers looked up in an SMP, on PGlite and
// PostgreSQL: the fake gateway parses the envelope and checks it against the UBL inside (400 when they differ).
let env: SendEnv;
let gw: Awaited<ReturnType<typeof startFakeGateway>>;
let smp: Awaited<ReturnType<typeof startFakeSmp>>;
let callback: string;

before(async () => {
  gw = await startFakeGateway({ token: 'gw-token-81x' });
  smp = await startFakeSmp();
  // Registered under its VAT number only (9925): found after 0208 is not.
  smp.register('9925:BE0202239951');
  gw.register('9925:BE0202239951');
  env = await startSendEnv('peppol-gw');
  const put = await env.call('PUT', '/v1/account/peppol', {
    kind: 'gateway',
    url: gw.url,
    token: 'gw-token-81x',
    smpUrl: smp.url,
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.tokenSet, true);
  assert.doesNotMatch(JSON.stringify(put.body), /gw-token-81x/);
  callback = `${env.origin}${new URL(put.body.statusCallbackUrl).pathname}`;
});
after(async () => {
  await env?.close();
  await gw?.close();
  await smp?.close();
});

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '@' });

test('through the gateway: SMP lookup (0208, then 9925), an SBDH the gateway accepts, sent → delivered', async () => {
  const { id } = await env.send('BE0202239951');
  const [t] = await env.history(id);
  assert.equal(t.status, 'sent', JSON.stringify(t));
  assert.equal(t.receiver, '9925:BE0202239951');
  assert.deepEqual(smp.lookups.slice(0, 2), ['0208:0202239951', '9925:BE0202239951']);
  const got = gw.received.at(-1)!;
  assert.equal(got.headers.authorization, 'Bearer gw-token-81x');
  assert.equal(t.transmissionId, got.transmissionId);
  const sbd = parser.parse(got.body).StandardBusinessDocument;
  const header = sbd.StandardBusinessDocumentHeader;
  assert.equal(header.Receiver.Identifier['#text'], '9925:BE0202239951');
  assert.equal(header.Sender.Identifier['#text'], '0208:0412345614');
  const v = await validateEinvoice(got.ubl, { profiles: ['peppol'] });
  assert.equal(v.fatal, 0, JSON.stringify(v.findings.filter((f) => f.flag === 'fatal')));
  assert.equal(v.xsd.valid, true);

  const r = await gw.deliver(got.transmissionId, callback);
  assert.equal(r?.status, 204, r?.body);
  const [done] = await env.history(id);
  assert.equal(done.status, 'delivered');
  assert.ok(env.events(id).some((e) => e.type === 'document.peppol.delivered'));
});

test('through the gateway: a refusal is kept with its reason', async () => {
  gw.refuseNext('Unknown buyer');
  const { id } = await env.send('BE0202239951');
  const [t] = await env.history(id);
  assert.equal(t.status, 'refused', JSON.stringify(t));
  assert.match(t.reason, /Unknown buyer/);
});
