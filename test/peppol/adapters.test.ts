import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { OutboundDocument } from '../../src/app/peppol/ports.js';
import { BIS3_CREDIT_NOTE, BIS3_INVOICE, INVOICE_RESPONSE } from '../../src/domain/einvoice/peppol-ids.js';
import { DomainError } from '../../src/domain/errors.js';
import { invoiceResponseXml } from '../../src/exports/einvoice/invoice-response.js';
import { unwrapSbd, wrapInSbd } from '../../src/exports/einvoice/sbdh.js';
import { createGatewayClient } from '../../src/integrations/peppol/gateway-client.js';
import { createPeppolDeps } from '../../src/integrations/peppol/runtime.js';
import { createServiceProviderClient } from '../../src/integrations/peppol/service-provider-client.js';
import { createSmpClient } from '../../src/integrations/peppol/smp-client.js';
import { loadConfig } from '../../src/config.js';
import { startFakeGateway, startFakeServiceProvider, startFakeSmp } from '../support/fake-access-points.js';
import { readShared, skipUnlessShared } from '../support/shared.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

/**
 * The two access-point adapters and the SMP client against the fakes (real HTTP servers). No database.
 * The documents are the Belgian examples of ../shared (seller 0208:0412345614, buyer 0208:0765432146).
 */
const EXAMPLES = ['specs', 'eu', 'examples-be'];
const skip = skipUnlessShared(...EXAMPLES, 'be-invoice-valid.xml');
const invoiceXml = () => readShared(...EXAMPLES, 'be-invoice-valid.xml');
const creditNoteXml = () => readShared(...EXAMPLES, 'be-creditnote-valid.xml');
const SELLER = { scheme: '0208', value: '0412345614' };
const BUYER = { scheme: '0208', value: '0765432146' };
const TIMEOUT = 5000;
const withoutDecl = (xml: string) => xml.replace(/^\uFEFF?\s*<\?xml[^>]*\?>\s*/, '').trim();

function outbound(over: Partial<OutboundDocument> = {}): OutboundDocument {
  return {
    xml: invoiceXml(),
    sender: SELLER,
    receiver: BUYER,
    documentType: BIS3_INVOICE,
    instanceId: randomUUID(),
    createdAt: new Date(),
    ...over,
  };
}

async function serviceProvider() {
  const fake = await startFakeServiceProvider({ apiKey: 'sp-secret-key-123', registrationId: 'reg-42' });
  const client = createServiceProviderClient({
    baseUrl: fake.url,
    apiKey: fake.apiKey!,
    registrationId: fake.registrationId!,
    timeoutMs: TIMEOUT,
  });
  return { fake, client };
}

async function gateway() {
  const fake = await startFakeGateway({ token: 'gw-secret-token-456' });
  const client = createGatewayClient({ url: fake.url, token: fake.token, timeoutMs: TIMEOUT });
  return { fake, client };
}

/** A server that takes connections and never answers. */
async function silentServer() {
  const server = createServer(() => {});
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

// ---------------------------------------------------------------- service provider

test('service provider: a send is accepted with the UBL as it was, once per idempotency key', skip, async () => {
  const { fake, client } = await serviceProvider();
  try {
    fake.register(BUYER);
    const doc = outbound();
    const r = await client.send(doc);
    assert.equal(r.outcome, 'accepted');
    const id = (r as { transmissionId: string }).transmissionId;
    assert.equal(fake.received.length, 1);
    const got = fake.received[0]!;
    assert.equal(got.transmissionId, id);
    assert.equal(got.ubl, doc.xml);
    assert.equal(got.sender, '0208:0412345614');
    assert.equal(got.receiver, '0208:0765432146');
    assert.equal(got.documentTypeId, BIS3_INVOICE.documentTypeId);
    assert.equal(got.headers['idempotency-key'], doc.instanceId);
    assert.equal(JSON.parse(got.body).ProcessID, BIS3_INVOICE.processId);
    // A retry of the same document (same instance id) is answered with the same id and not sent again.
    const again = await client.send(doc);
    assert.deepEqual(again, r);
    assert.equal(fake.received.length, 1);
    assert.equal(fake.statusOf(id), 'sent');
  } finally {
    await fake.close();
  }
});

test('service provider: 503 is retryable and the next attempt goes through', skip, async () => {
  const { fake, client } = await serviceProvider();
  try {
    fake.register(BUYER);
    fake.failNext(1, 503);
    const doc = outbound();
    const first = await client.send(doc);
    assert.equal(first.outcome, 'retryable');
    assert.equal((first as { httpStatus?: number }).httpStatus, 503);
    assert.equal(fake.received.length, 0);
    const second = await client.send(doc);
    assert.equal(second.outcome, 'accepted');
    assert.equal(fake.received.length, 1);
  } finally {
    await fake.close();
  }
});

test('service provider: a refusal is definitive, with the provider reason and code', skip, async () => {
  const { fake, client } = await serviceProvider();
  try {
    fake.register(BUYER);
    fake.refuseNext('The receiver refuses invoices without an order reference');
    const r = await client.send(outbound());
    assert.equal(r.outcome, 'refused');
    assert.match((r as { reason: string }).reason, /without an order reference/);
    assert.equal((r as { code?: string }).code, 'PeppolDeliveryRefused');
    assert.equal(fake.received.length, 0);
  } finally {
    await fake.close();
  }
});

test(
  'service provider: a receiver not on Peppol is not_registered (TheCustomerIsNotActiveOnPeppol)',
  skip,
  async () => {
    const { fake, client } = await serviceProvider();
    try {
      const r = await client.send(outbound());
      assert.equal(r.outcome, 'not_registered');
      assert.match((r as { reason: string }).reason, /TheCustomerIsNotActiveOnPeppol/);
      // Registered for invoices only: a credit note is not deliverable either.
      fake.register(BUYER, [BIS3_INVOICE]);
      const cn = await client.send(outbound({ xml: creditNoteXml(), documentType: BIS3_CREDIT_NOTE }));
      assert.equal(cn.outcome, 'not_registered');
    } finally {
      await fake.close();
    }
  },
);

test('service provider: a wrong API key or registration is refused without echoing the key', skip, async () => {
  const fake = await startFakeServiceProvider({ apiKey: 'right-key', registrationId: 'reg-1' });
  try {
    fake.register(BUYER);
    const badKey = createServiceProviderClient({
      baseUrl: fake.url,
      apiKey: 'wrong-key-secret-789',
      registrationId: 'reg-1',
      timeoutMs: TIMEOUT,
    });
    const r = await badKey.send(outbound());
    assert.equal(r.outcome, 'refused');
    assert.equal((r as { code?: string }).code, 'access_point_auth');
    assert.ok(!JSON.stringify(r).includes('wrong-key-secret-789'));
    const badReg = createServiceProviderClient({
      baseUrl: fake.url,
      apiKey: 'right-key',
      registrationId: 'reg-2',
      timeoutMs: TIMEOUT,
    });
    const r2 = await badReg.send(outbound());
    assert.equal(r2.outcome, 'refused');
    assert.equal((r2 as { code?: string }).code, 'RegistrationNotFound');
    assert.equal(fake.received.length, 0);
  } finally {
    await fake.close();
  }
});

test('service provider: no answer within the timeout, or no server, is retryable (never thrown)', skip, async () => {
  const silent = await silentServer();
  try {
    const slow = createServiceProviderClient({ baseUrl: silent.url, apiKey: 'k', registrationId: 'r', timeoutMs: 200 });
    const t0 = Date.now();
    const r = await slow.send(outbound());
    assert.equal(r.outcome, 'retryable');
    assert.match((r as { reason: string }).reason, /no answer within 200 ms/);
    assert.ok(Date.now() - t0 < 3000);
  } finally {
    await silent.close();
  }
  const { fake, client } = await serviceProvider();
  await fake.close();
  const down = await client.send(outbound());
  assert.equal(down.outcome, 'retryable');
});

test('service provider: participant lookup', skip, async () => {
  const { fake, client } = await serviceProvider();
  try {
    fake.register(BUYER);
    const info = await client.lookup!(BUYER);
    assert.equal(info.registered, true);
    assert.deepEqual(info.participant, BUYER);
    assert.deepEqual(info.documentTypes, [BIS3_INVOICE, BIS3_CREDIT_NOTE]);
    const unknown = await client.lookup!({ scheme: '9925', value: 'BE0412345614' });
    assert.equal(unknown.registered, false);
    assert.deepEqual(unknown.documentTypes, []);
    assert.deepEqual(fake.lookups, ['0208:0765432146', '9925:BE0412345614']);
  } finally {
    await fake.close();
  }
  await assert.rejects(
    client.lookup!(BUYER),
    (e: unknown) => e instanceof DomainError && e.meta.reason === 'peppol_lookup_unavailable',
  );
});

test(
  'service provider: status of a transmission: sent, delivered, refused by the receiver, unknown',
  skip,
  async () => {
    const { fake, client } = await serviceProvider();
    try {
      fake.register(BUYER);
      const a = (await client.send(outbound())) as { transmissionId: string };
      const b = (await client.send(outbound())) as { transmissionId: string };
      assert.equal((await client.status!(a.transmissionId))?.status, 'sent');
      await fake.deliver(a.transmissionId);
      const delivered = await client.status!(a.transmissionId);
      assert.equal(delivered?.status, 'delivered');
      assert.ok(delivered?.at instanceof Date);
      await fake.reject(b.transmissionId, 'Unknown buyer reference');
      assert.deepEqual(
        { ...(await client.status!(b.transmissionId)), at: undefined },
        { transmissionId: b.transmissionId, status: 'refused', reason: 'Unknown buyer reference', at: undefined },
      );
      assert.equal(await client.status!('999'), null);
    } finally {
      await fake.close();
    }
  },
);

test('service provider: registration and unregistration of the seller, and what each refusal comes to', async () => {
  const { fake, client } = await serviceProvider();
  try {
    assert.deepEqual(await client.register!(SELLER, [BIS3_INVOICE]), { outcome: 'done' });
    assert.deepEqual(fake.registrations, [
      { action: 'register', participant: '0208:0412345614', documentTypes: [BIS3_INVOICE.documentTypeId] },
    ]);
    const info = await client.lookup!(SELLER);
    assert.deepEqual([info.registered, info.documentTypes], [true, [BIS3_INVOICE]]);
    fake.refuseNext('KYC pending');
    const refused = await client.register!(SELLER, [BIS3_INVOICE]);
    assert.equal(refused.outcome, 'refused');
    assert.match(refused.outcome === 'refused' ? refused.reason : '', /PeppolRegistrationRefused: KYC pending/);
    fake.failNext(1, 503);
    assert.equal((await client.register!(SELLER, [BIS3_INVOICE])).outcome, 'unavailable');
    assert.deepEqual(await client.unregister!(SELLER), { outcome: 'done' });
    assert.equal((await client.lookup!(SELLER)).registered, false);
    const twice = await client.unregister!(SELLER);
    assert.deepEqual(twice.outcome === 'refused' && twice.code, 'ParticipantNotRegistered');
    const wrongKey = createServiceProviderClient({
      baseUrl: fake.url,
      apiKey: 'not-the-key',
      registrationId: 'reg-42',
      timeoutMs: TIMEOUT,
    });
    const denied = await wrongKey.register!(SELLER, [BIS3_INVOICE]);
    assert.deepEqual(denied.outcome === 'refused' && denied.code, 'access_point_auth');
    assert.ok(!JSON.stringify(denied).includes('not-the-key'), 'the key is not echoed');
  } finally {
    await fake.close();
  }
  assert.equal((await client.register!(SELLER, [BIS3_INVOICE])).outcome, 'unavailable');
  const { fake: gw, client: viaGateway } = await gateway();
  await gw.close();
  assert.equal(viaGateway.register, undefined, 'a gateway has no registration API');
  assert.equal(viaGateway.unregister, undefined);
});

test('service provider: the delivery webhook reaches the callback URL', skip, async () => {
  const { fake, client } = await serviceProvider();
  const receiver = await startWebhookReceiver();
  try {
    fake.register(BUYER);
    const a = (await client.send(outbound())) as { transmissionId: string };
    const answer = await fake.deliver(a.transmissionId, `${receiver.url}/status/token-1`);
    assert.equal(answer?.status, 200);
    const [req] = await receiver.waitFor(1);
    const body = JSON.parse(req!.body);
    assert.equal(String(body.EntityDetail.OrderID), a.transmissionId);
    assert.equal(body.EntityDetail.CurrentDocumentDeliveryDetails.DocumentDeliveryStatus, 'Delivered');
  } finally {
    await receiver.close();
    await fake.close();
  }
});

test(
  'service provider: inbox fetch (a bare UBL and an SBD), acknowledge, then only the rest is offered',
  skip,
  async () => {
    const { fake, client } = await serviceProvider();
    try {
      const first = fake.queueInbound({ xml: invoiceXml(), sender: '0208:0765432146', receiver: '0208:0412345614' });
      const sbd = wrapInSbd({
        xml: creditNoteXml(),
        sender: SELLER,
        receiver: BUYER,
        documentType: BIS3_CREDIT_NOTE,
        instanceId: randomUUID(),
        createdAt: new Date(),
      });
      const second = fake.queueInbound({ xml: sbd, sender: '0208:0412345614', receiver: '9925:BE0765432146' });
      const docs = await client.fetchInbox!();
      assert.deepEqual(
        docs.map((d) => d.transmissionId),
        [first, second],
      );
      assert.equal(docs[0]!.xml, invoiceXml());
      assert.deepEqual(docs[0]!.sender, BUYER);
      assert.deepEqual(docs[0]!.receiver, SELLER);
      assert.equal(docs[0]!.documentType?.documentTypeId, BIS3_INVOICE.documentTypeId);
      assert.ok(docs[0]!.receivedAt instanceof Date);
      assert.equal(docs[1]!.xml, withoutDecl(creditNoteXml()), 'the document inside the SBD');
      assert.deepEqual(docs[1]!.receiver, { scheme: '9925', value: 'BE0765432146' });
      await client.acknowledge!(first);
      assert.equal(fake.inbox.find((i) => i.id === first)!.acknowledged, true);
      assert.deepEqual(
        (await client.fetchInbox!()).map((d) => d.transmissionId),
        [second],
      );
      await assert.rejects(client.acknowledge!('424242'), /not confirmed/);
    } finally {
      await fake.close();
    }
  },
);

test('service provider: an Invoice Response reaches the provider', skip, async () => {
  const { fake, client } = await serviceProvider();
  try {
    const id = fake.queueInbound({ xml: invoiceXml(), sender: '0208:0765432146', receiver: '0208:0412345614' });
    const xml = invoiceResponseXml({
      id: 'IR-1',
      issueDate: '2026-03-02',
      sender: { endpoint: '0208:0412345614' },
      receiver: { endpoint: '0208:0765432146' },
      status: 'RE',
      reason: 'Wrong VAT rate on line 2',
      document: { number: 'INV-1' },
    });
    const r = await client.respond!({
      transmissionId: id,
      status: 'RE',
      reason: 'Wrong VAT rate on line 2',
      xml,
      sender: SELLER,
      receiver: BUYER,
    });
    assert.equal(r.outcome, 'accepted');
    assert.equal(fake.responses.length, 1);
    assert.deepEqual(
      { ...fake.responses[0]!, xml: fake.responses[0]!.xml === xml },
      {
        transmissionId: id,
        status: 'RE',
        reason: 'Wrong VAT rate on line 2',
        xml: true,
        sender: '0208:0412345614',
        receiver: '0208:0765432146',
      },
    );
    const unknown = await client.respond!({ transmissionId: '1', status: 'AP', xml, sender: SELLER, receiver: BUYER });
    assert.equal(unknown.outcome, 'refused');
  } finally {
    await fake.close();
  }
});

// ---------------------------------------------------------------- gateway

test('gateway: the SBD passes the gateway checks and carries the UBL unchanged', skip, async () => {
  const { fake, client } = await gateway();
  try {
    fake.register(BUYER);
    const doc = outbound();
    const r = await client.send(doc);
    assert.equal(r.outcome, 'accepted', JSON.stringify(r));
    assert.equal(fake.received.length, 1);
    const got = fake.received[0]!;
    assert.equal((r as { transmissionId: string }).transmissionId, got.transmissionId);
    assert.equal(got.instanceId, doc.instanceId);
    assert.equal(got.ubl, withoutDecl(doc.xml));
    assert.equal(got.documentTypeId, BIS3_INVOICE.documentTypeId);
    assert.equal(got.headers.authorization, 'Bearer gw-secret-token-456');
    assert.match(String(got.headers['content-type']), /application\/xml/);
    const u = unwrapSbd(got.body);
    assert.equal(u.country, 'BE');
    assert.deepEqual([u.sender, u.receiver], [SELLER, BUYER]);
    const cn = await client.send(outbound({ xml: creditNoteXml(), documentType: BIS3_CREDIT_NOTE }));
    assert.equal(cn.outcome, 'accepted');
    assert.equal(fake.received[1]!.documentTypeId, BIS3_CREDIT_NOTE.documentTypeId);
  } finally {
    await fake.close();
  }
});

test('gateway: the fake refuses an envelope that does not match the document (400 → refused)', skip, async () => {
  const { fake, client } = await gateway();
  try {
    fake.register(BUYER);
    fake.register({ scheme: '9925', value: 'BE0765432146' });
    const r = await client.send(outbound({ receiver: { scheme: '9925', value: 'BE0765432146' } }));
    assert.equal(r.outcome, 'refused');
    assert.match((r as { reason: string }).reason, /Receiver 9925:BE0765432146 is not the document's receiver/);
    assert.equal((r as { code?: string }).code, 'invalid_sbdh');
    // A credit note sent as an invoice never leaves: the envelope is not built.
    const wrongType = await client.send(outbound({ xml: creditNoteXml(), documentType: BIS3_INVOICE }));
    assert.equal(wrongType.outcome, 'refused');
    assert.equal((wrongType as { code?: string }).code, 'invalid_document');
    assert.equal(fake.received.length, 0);
  } finally {
    await fake.close();
  }
});

test('gateway: 503 retryable then accepted, a refusal, a receiver not in the SMP, a wrong token', skip, async () => {
  const { fake, client } = await gateway();
  try {
    const notRegistered = await client.send(outbound());
    assert.equal(notRegistered.outcome, 'not_registered');
    fake.register(BUYER);
    fake.failNext(2, 503);
    assert.equal((await client.send(outbound())).outcome, 'retryable');
    const second = await client.send(outbound());
    assert.deepEqual([second.outcome, (second as { httpStatus?: number }).httpStatus], ['retryable', 503]);
    assert.equal((await client.send(outbound())).outcome, 'accepted');
    fake.refuseNext('Receiver access point rejected the message');
    const refused = await client.send(outbound());
    assert.equal(refused.outcome, 'refused');
    assert.match((refused as { reason: string }).reason, /rejected the message/);
    const noToken = createGatewayClient({ url: fake.url, timeoutMs: TIMEOUT });
    const unauth = await noToken.send(outbound());
    assert.equal(unauth.outcome, 'refused');
    assert.equal((unauth as { code?: string }).code, 'access_point_auth');
    assert.equal(fake.received.length, 1);
  } finally {
    await fake.close();
  }
  const silent = await silentServer();
  try {
    const slow = createGatewayClient({ url: silent.url, timeoutMs: 200 });
    assert.equal((await slow.send(outbound())).outcome, 'retryable');
  } finally {
    await silent.close();
  }
});

test('gateway: status, and an Invoice Response goes out as its own Peppol document', skip, async () => {
  const { fake, client } = await gateway();
  try {
    fake.register(BUYER);
    const a = (await client.send(outbound())) as { transmissionId: string };
    assert.equal((await client.status!(a.transmissionId))?.status, 'sent');
    await fake.deliver(a.transmissionId);
    assert.equal((await client.status!(a.transmissionId))?.status, 'delivered');
    assert.equal(await client.status!('gw-unknown'), null);
    // The buyer (0208:0765432146) answers the seller's invoice.
    const xml = invoiceResponseXml({
      id: 'IR-7',
      issueDate: '2026-03-02',
      sender: { endpoint: '0208:0765432146' },
      receiver: { endpoint: '0208:0412345614' },
      status: 'RE',
      reason: 'Goods not received',
      document: { number: 'INV-2026-7', typeCode: '380' },
    });
    const r = await client.respond!({
      transmissionId: 'tx-in-1',
      status: 'RE',
      reason: 'Goods not received',
      xml,
      sender: BUYER,
      receiver: SELLER,
    });
    assert.equal(r.outcome, 'accepted', JSON.stringify(r));
    assert.equal(fake.responses.length, 1);
    assert.equal(fake.responses[0]!.status, 'RE');
    assert.equal(fake.responses[0]!.reason, 'Goods not received');
    assert.equal(fake.responses[0]!.transmissionId, 'INV-2026-7');
    assert.equal(fake.received.at(-1)!.documentTypeId, INVOICE_RESPONSE.documentTypeId);
  } finally {
    await fake.close();
  }
});

test('gateway: a pushed inbound SBD unwraps to the sender, receiver and the document', skip, async () => {
  const { fake } = await gateway();
  const target = await startWebhookReceiver();
  try {
    const pushed = await fake.pushInbound(
      `${target.url}/v1/peppol/inbound`,
      { authorization: 'Bearer t' },
      {
        xml: invoiceXml(),
        sender: '0208:0412345614',
        receiver: '0208:0765432146',
      },
    );
    assert.equal(pushed.status, 200);
    const [req] = await target.waitFor(1);
    assert.equal(req!.headers.authorization, 'Bearer t');
    const u = unwrapSbd(req!.body);
    assert.equal(u.instanceId, pushed.instanceId);
    assert.deepEqual([u.sender, u.receiver], [SELLER, BUYER]);
    assert.equal(u.documentTypeId, BIS3_INVOICE.documentTypeId);
    assert.equal(u.xml, withoutDecl(invoiceXml()));
  } finally {
    await target.close();
    await fake.close();
  }
});

// ---------------------------------------------------------------- SMP

test('SMP: a registered participant, its document types and processes; an unknown one; an SMP that is down', async () => {
  const smp = await startFakeSmp();
  const client = createSmpClient({ url: smp.url, timeoutMs: TIMEOUT });
  try {
    smp.register(BUYER);
    smp.register('9925:BE0412345614', [BIS3_CREDIT_NOTE]);
    const info = await client.lookup(BUYER);
    assert.equal(info.registered, true);
    assert.deepEqual(
      [...info.documentTypes].sort((a, b) => a.documentTypeId.localeCompare(b.documentTypeId)),
      [BIS3_CREDIT_NOTE, BIS3_INVOICE],
    );
    assert.deepEqual((await client.lookup({ scheme: '9925', value: 'BE0412345614' })).documentTypes, [
      BIS3_CREDIT_NOTE,
    ]);
    const unknown = await client.lookup({ scheme: '0208', value: '0123456749' });
    assert.deepEqual(unknown, {
      participant: { scheme: '0208', value: '0123456749' },
      registered: false,
      documentTypes: [],
    });
    assert.deepEqual(smp.lookups, ['0208:0765432146', '9925:BE0412345614', '0208:0123456749']);
    // The service metadata path carries the URL-encoded busdox-docid-qns id.
    assert.ok(
      smp.requests.includes(
        `iso6523-actorid-upis::0208:0765432146/services/busdox-docid-qns::${BIS3_INVOICE.documentTypeId}`,
      ),
    );
    // A fault on the service metadata is not "does not take this type" (that would mean e-mail instead).
    smp.failNext(1, 500, 'metadata');
    await assert.rejects(
      client.lookup(BUYER),
      (e: unknown) => e instanceof DomainError && e.meta.reason === 'peppol_lookup_unavailable',
    );
    smp.failNext(1, 503);
    await assert.rejects(client.lookup(BUYER), /failed \(answer 503/);
    assert.equal((await client.lookup(BUYER)).documentTypes.length, 2);
  } finally {
    await smp.close();
  }
  await assert.rejects(
    client.lookup(BUYER),
    (e: unknown) => e instanceof DomainError && e.meta.reason === 'peppol_lookup_unavailable',
  );
});

test('SMP: a service metadata Redirect is followed once, to the SMP it names', async () => {
  const target = await startFakeSmp();
  target.register(BUYER, [BIS3_INVOICE]);
  const metaPath = `/${encodeURIComponent('iso6523-actorid-upis::0208:0765432146')}/services/${encodeURIComponent(`busdox-docid-qns::${BIS3_INVOICE.documentTypeId}`)}`;
  let redirects = 0;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml' });
    if (req.url === '/meta') {
      redirects++;
      res.end(
        `<SignedServiceMetadata xmlns="http://busdox.org/serviceMetadata/publishing/1.0/"><ServiceMetadata><Redirect href="${target.url}${metaPath}"><CertificateUID>x</CertificateUID></Redirect></ServiceMetadata></SignedServiceMetadata>`,
      );
      return;
    }
    const self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.end(
      `<ServiceGroup xmlns="http://busdox.org/serviceMetadata/publishing/1.0/"><ServiceMetadataReferenceCollection><ServiceMetadataReference href="${self}/meta"/></ServiceMetadataReferenceCollection></ServiceGroup>`,
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const client = createSmpClient({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      timeoutMs: TIMEOUT,
    });
    const info = await client.lookup(BUYER);
    assert.deepEqual(info.documentTypes, [BIS3_INVOICE]);
    assert.equal(redirects, 1);
    assert.ok(target.requests.some((r) => r.endsWith(`busdox-docid-qns::${BIS3_INVOICE.documentTypeId}`)));
  } finally {
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
    await target.close();
  }
});

test('createPeppolDeps builds the adapter of each kind and an SMP client', async () => {
  const deps = createPeppolDeps(loadConfig({ PEPPOL_TIMEOUT_MS: '1500', PEPPOL_LOOKUP_CACHE_SECONDS: '60' }), 'pglite');
  assert.equal(deps.lookupCacheSeconds, 60);
  const sp = deps.accessPoint({
    kind: 'service-provider',
    baseUrl: 'http://127.0.0.1:9',
    apiKey: 'k',
    registrationId: 'r',
  });
  assert.equal(sp.kind, 'service-provider');
  assert.equal(typeof sp.lookup, 'function');
  assert.equal(typeof sp.fetchInbox, 'function');
  const gw = deps.accessPoint({ kind: 'gateway', url: 'http://127.0.0.1:9/sbd' });
  assert.equal(gw.kind, 'gateway');
  assert.equal(gw.lookup, undefined);
  assert.equal(gw.fetchInbox, undefined);
  const smp = await startFakeSmp();
  try {
    smp.register(BUYER);
    assert.equal((await deps.smp(smp.url).lookup(BUYER)).registered, true);
  } finally {
    await smp.close();
  }
});
