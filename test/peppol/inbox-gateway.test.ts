import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { startFakeGateway, type FakeAccessPoint } from '../support/fake-access-points.js';
import { BUYER, pdfBytes, startInboxEnv, SUPPLIER, supplierInvoice, type InboxEnv } from './inbox-env.js';

// Reception through a gateway (an Oxalis/phase4-style HTTP front), end to end on PGlite and PostgreSQL: the gateway
// pushes SBDH-wrapped e-invoices to POST /v1/peppol/inbound, they are listed under /v1/inbox with their original XML
// and embedded PDF, and the buyer's decision goes back through the gateway as a Peppol Invoice Response.
let env: InboxEnv;
let gw: FakeAccessPoint;
let inbound: string;
const auth = () => ({ authorization: `Bearer ${env.key}` });
/** What the supplier's access point transmits: the document inside the SBD (the fake drops its XML declaration). */
const payloadOf = (xml: string) => xml.replace(/^\uFEFF?\s*<\?xml[^>]*\?>\s*/, '');

before(async () => {
  gw = await startFakeGateway({ token: 'gw-token-7Yk' });
  env = await startInboxEnv('peppol-inbox-gw');
  inbound = `${env.origin}/v1/peppol/inbound`;
  const put = await env.call('PUT', '/v1/account/peppol', { kind: 'gateway', url: gw.url, token: 'gw-token-7Yk' });
  assert.equal(put.status, 200, JSON.stringify(put.body));
});
after(async () => {
  await env?.close();
  await gw?.close();
});

async function push(number: string, opts: { instanceId?: string; xml?: string } = {}) {
  const pdf = pdfBytes(number);
  const xml = opts.xml ?? supplierInvoice(number, pdf);
  const r = await gw.pushInbound(inbound, auth(), {
    xml,
    sender: SUPPLIER,
    receiver: BUYER,
    instanceId: opts.instanceId,
  });
  return { ...r, json: JSON.parse(r.body), xml, pdf };
}

test('a pushed e-invoice with an embedded PDF is listed; its XML and PDF come back byte for byte; a second push of the transmission stores nothing', async () => {
  const instanceId = randomUUID();
  const first = await push('INV-GW-1', { instanceId });
  assert.equal(first.status, 201, first.body);
  const doc = first.json;
  assert.deepEqual(
    {
      transmissionId: doc.transmissionId,
      sender: doc.sender,
      receiver: doc.receiver,
      number: doc.number,
      typeCode: doc.typeCode,
      supplier: doc.supplier,
      totals: doc.totals,
      valid: doc.validation,
      status: doc.status,
      pdf: doc.pdf,
    },
    {
      transmissionId: instanceId,
      sender: SUPPLIER,
      receiver: BUYER,
      number: 'INV-GW-1',
      typeCode: '380',
      supplier: { name: 'Seller BV', vatId: 'BE0412345614' },
      totals: { net: '775.00', tax: '159.00', gross: '934.00', payable: '934.00' },
      valid: { valid: true, fatal: 0, messages: [] },
      status: 'received',
      pdf: { filename: 'INV-GW-1.pdf' },
    },
  );

  const again = await push('INV-GW-1', { instanceId });
  assert.equal(again.status, 200, again.body);
  assert.equal(again.json.id, doc.id);
  const list = await env.call('GET', `/v1/inbox?sender=${encodeURIComponent(SUPPLIER)}&status=received`);
  assert.equal(list.status, 200, JSON.stringify(list.body));
  assert.equal(list.body.data.filter((d: any) => d.transmissionId === instanceId).length, 1);

  const xml = await env.raw(`/v1/inbox/${doc.id}/xml`);
  assert.equal(xml.status, 200);
  assert.match(xml.type ?? '', /application\/xml/);
  assert.ok(xml.bytes.equals(Buffer.from(payloadOf(first.xml), 'utf8')), 'the XML as transmitted');
  const pdf = await env.raw(`/v1/inbox/${doc.id}/pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.type, 'application/pdf');
  assert.ok(pdf.bytes.equals(first.pdf), 'the embedded PDF, byte for byte');

  // The PDF's name is the supplier's: a header-breaking one is made safe, never a 500.
  const odd = await push('INV-GW-1b', {
    xml: supplierInvoice('INV-GW-1b', pdfBytes('1b')).replace(
      'filename="INV-GW-1b.pdf"',
      'filename="a&quot;b&#10;c é.pdf"',
    ),
  });
  assert.equal(odd.status, 201, odd.body);
  const oddPdf = await env.t.app.inject({ method: 'GET', url: `/v1/inbox/${odd.json.id}/pdf`, headers: auth() });
  assert.equal(oddPdf.statusCode, 200);
  assert.match(
    String(oddPdf.headers['content-disposition']),
    /^attachment; filename="a_b_c _\.pdf"; filename\*=UTF-8''a%22b%0Ac%20%C3%A9\.pdf$/,
  );

  await env.settle();
  const events = env.received().filter((e) => e.data.purchaseDocument.id === doc.id);
  assert.equal(events.length, 1, 'one purchase.received for the two pushes');
  assert.equal(events[0].data.purchaseDocument.number, 'INV-GW-1');
});

test('accept and refuse go back to the supplier as Invoice Responses (AP; RE with the reason), once', async () => {
  const a = (await push('INV-GW-2')).json;
  const r = (await push('INV-GW-3')).json;
  const before = gw.responses.length;

  const noReason = await env.call('POST', `/v1/inbox/${r.id}/refuse`, {});
  assert.equal(noReason.status, 422, JSON.stringify(noReason.body));
  const blank = await env.call('POST', `/v1/inbox/${r.id}/refuse`, { reason: '   ' });
  assert.equal(blank.status, 422, JSON.stringify(blank.body));
  assert.equal((await env.call('GET', `/v1/inbox/${r.id}`)).body.status, 'received');

  const accepted = await env.call('POST', `/v1/inbox/${a.id}/accept`);
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  assert.equal(accepted.body.status, 'accepted');
  assert.equal(accepted.body.responseStatus, 'pending');
  const refused = await env.call('POST', `/v1/inbox/${r.id}/refuse`, { reason: 'Unknown order PO-9' });
  assert.equal(refused.status, 200, JSON.stringify(refused.body));
  assert.equal(refused.body.decisionReason, 'Unknown order PO-9');
  const twice = await env.call('POST', `/v1/inbox/${a.id}/refuse`, { reason: 'changed my mind' });
  assert.equal(twice.status, 409, JSON.stringify(twice.body));

  await env.settle();
  const got = gw.responses.slice(before);
  assert.equal(got.length, 2);
  const ap = got.find((x) => x.status === 'AP')!;
  const re = got.find((x) => x.status === 'RE')!;
  assert.equal(ap.transmissionId, 'INV-GW-2');
  assert.equal(ap.sender, BUYER);
  assert.equal(ap.receiver, SUPPLIER);
  assert.equal(re.transmissionId, 'INV-GW-3');
  assert.equal(re.reason, 'Unknown order PO-9');
  assert.match(re.xml, /<cbc:ResponseCode listID="UNCL4343OpSubset">RE<\/cbc:ResponseCode>/);
  for (const id of [a.id, r.id]) assert.equal((await env.call('GET', `/v1/inbox/${id}`)).body.responseStatus, 'sent');
  const accList = await env.call('GET', '/v1/inbox?status=accepted');
  assert.deepEqual(
    accList.body.data.map((d: any) => d.id),
    [a.id],
  );
});

test('an invalid e-invoice is kept with its fatal findings; what is not XML is refused and nothing is stored', async () => {
  const broken = supplierInvoice('INV-GW-4', pdfBytes('4')).replace(
    /<cbc:PayableAmount currencyID="EUR">[^<]+</,
    '<cbc:PayableAmount currencyID="EUR">1.00<',
  );
  const kept = await push('INV-GW-4', { xml: broken });
  assert.equal(kept.status, 201, kept.body);
  assert.equal(kept.json.validation.valid, false);
  assert.ok(kept.json.validation.fatal >= 1);
  assert.ok(
    kept.json.validation.messages.some((m: string) => /BR-CO-16/.test(m)),
    kept.json.validation.messages.join('\n'),
  );
  assert.equal(kept.json.totals.payable, '1.00', 'kept as stated');

  const count = async () => (await env.call('GET', '/v1/inbox')).body.pagination.total;
  const n = await count();
  for (const body of ['this is not XML', '<Order xmlns="urn:x"><ID>1</ID></Order>']) {
    const r = await gw.pushInbound(inbound, auth(), { xml: body, sender: SUPPLIER, receiver: BUYER, bare: true });
    assert.equal(r.status, 422, r.body);
    assert.equal(JSON.parse(r.body).error.code, 'validation');
  }
  assert.equal(await count(), n);
});

test('the received XML, PDF and amounts cannot be changed or deleted by direct SQL; the decision is made once', async () => {
  const doc = (await push('INV-GW-5')).json;
  const db = env.t.db.database.db;
  const refused = async (q: Promise<unknown>) => {
    await assert.rejects(q, (e: any) => e.code === 'FA003' || /kept as received|made once/.test(String(e.message)));
  };
  await refused(sql`UPDATE purchase_documents SET xml = '<Invoice/>' WHERE id = ${doc.id}`.execute(db));
  await refused(sql`UPDATE purchase_documents SET payable_amount = 1 WHERE id = ${doc.id}`.execute(db));
  await refused(sql`UPDATE purchase_documents SET pdf = NULL WHERE id = ${doc.id}`.execute(db));
  await refused(sql`DELETE FROM purchase_documents WHERE id = ${doc.id}`.execute(db));
  await sql`UPDATE purchase_documents SET status = 'accepted', decided_at = now() WHERE id = ${doc.id}`.execute(db);
  await refused(
    sql`UPDATE purchase_documents SET status = 'refused', decision_reason = 'x' WHERE id = ${doc.id}`.execute(db),
  );
  const xml = await env.raw(`/v1/inbox/${doc.id}/xml`);
  assert.match(xml.bytes.toString('utf8'), /INV-GW-5/);
});

test('another account sees none of it', async () => {
  const doc = (await push('INV-GW-6')).json;
  const other = await env.t.newAccount();
  for (const url of [`/v1/inbox/${doc.id}`, `/v1/inbox/${doc.id}/xml`, `/v1/inbox/${doc.id}/pdf`])
    assert.equal((await env.call('GET', url, undefined, other.apiKey)).status, 404, url);
  assert.equal((await env.call('POST', `/v1/inbox/${doc.id}/accept`, undefined, other.apiKey)).status, 404);
  assert.equal((await env.call('GET', '/v1/inbox', undefined, other.apiKey)).body.pagination.total, 0);
  assert.equal((await env.call('GET', `/v1/inbox/${doc.id}`)).body.status, 'received');
});
