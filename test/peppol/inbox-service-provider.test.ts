import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { enqueueJob } from '../../src/app/jobs/enqueue-job.js';
import { INBOX_PULL_JOB, schedulePeppolInboxPulls } from '../../src/app/purchases/pull-peppol-inbox.js';
import { startFakeServiceProvider, type FakeAccessPoint } from '../support/fake-access-points.js';
import { BUYER, pdfBytes, startInboxEnv, SUPPLIER, supplierInvoice, type InboxEnv } from './inbox-env.js';

// Reception from a service provider's inbox (Billit's access-point API shape), end to end on PGlite and PostgreSQL:
// the peppol.inbox.pull outbox job fetches, stores and acknowledges; the decision goes back as an Invoice Response
// through the provider's respond command.
let env: InboxEnv;
let sp: FakeAccessPoint;

before(async () => {
  sp = await startFakeServiceProvider({ apiKey: 'sp-key-R2d', registrationId: 'reg-inbox' });
  env = await startInboxEnv('peppol-inbox-sp');
  const put = await env.call('PUT', '/v1/account/peppol', {
    kind: 'service-provider',
    baseUrl: sp.url,
    apiKey: 'sp-key-R2d',
    registrationId: 'reg-inbox',
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
});
after(async () => {
  await env?.close();
  await sp?.close();
});

/** Queues a pull of the account's inbox and runs the outbox until it and what it caused are done. */
async function pull() {
  await env.t.db.database.db
    .transaction()
    .execute((tx) =>
      enqueueJob(tx, { accountId: env.accountId, kind: INBOX_PULL_JOB, payload: {}, dedupeKey: 'pull' }),
    );
  await env.settle();
}

const inbox = async () => (await env.call('GET', '/v1/inbox')).body;

test('a pull stores what waits in the inbox and acknowledges it; a document offered again is not stored twice', async () => {
  const pdf = pdfBytes('SP-1');
  const xml = supplierInvoice('INV-SP-1', pdf);
  const id = sp.queueInbound({ xml, sender: SUPPLIER, receiver: BUYER });
  await pull();
  const item = sp.inbox.find((i) => i.id === id)!;
  assert.equal(item.acknowledged, true);
  const list = await inbox();
  const doc = list.data.find((d: any) => d.transmissionId === id);
  assert.ok(doc, JSON.stringify(list));
  assert.deepEqual(
    { number: doc.number, sender: doc.sender, receiver: doc.receiver, valid: doc.validation.valid, source: doc.source },
    { number: 'INV-SP-1', sender: SUPPLIER, receiver: BUYER, valid: true, source: 'peppol' },
  );
  const x = await env.raw(`/v1/inbox/${doc.id}/xml`);
  assert.ok(x.bytes.equals(Buffer.from(xml, 'utf8')), 'the XML as the provider handed it over');
  assert.ok((await env.raw(`/v1/inbox/${doc.id}/pdf`)).bytes.equals(pdf));

  // The acknowledgement was lost: the provider offers it again; the pull stores nothing and acknowledges again.
  item.acknowledged = false;
  await pull();
  assert.equal(item.acknowledged, true);
  const again = await inbox();
  assert.equal(again.pagination.total, list.pagination.total);
  const events = env.received().filter((e) => e.data.purchaseDocument.transmissionId === id);
  assert.equal(events.length, 1);
});

test('refuse and accept reach the provider as Invoice Responses on the inbox item (RE with the reason, AP)', async () => {
  const refuseId = sp.queueInbound({
    xml: supplierInvoice('INV-SP-2', pdfBytes('2')),
    sender: SUPPLIER,
    receiver: BUYER,
  });
  const acceptId = sp.queueInbound({
    xml: supplierInvoice('INV-SP-3', pdfBytes('3')),
    sender: SUPPLIER,
    receiver: BUYER,
  });
  await pull();
  const docs = (await inbox()).data;
  const toRefuse = docs.find((d: any) => d.transmissionId === refuseId);
  const toAccept = docs.find((d: any) => d.transmissionId === acceptId);
  const before = sp.responses.length;
  const r = await env.call('POST', `/v1/inbox/${toRefuse.id}/refuse`, { reason: 'Prices differ from the quote' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await env.call('POST', `/v1/inbox/${toAccept.id}/accept`)).status, 200);
  await env.settle();
  const got = sp.responses.slice(before);
  assert.deepEqual(
    got.map((g) => [g.transmissionId, g.status, g.reason]).sort(),
    [
      [acceptId, 'AP', null],
      [refuseId, 'RE', 'Prices differ from the quote'],
    ].sort(),
  );
  assert.match(
    got.find((g) => g.status === 'RE')!.xml,
    /<cbc:StatusReason>Prices differ from the quote<\/cbc:StatusReason>/,
  );
  const after = await env.call('GET', `/v1/inbox/${toRefuse.id}`);
  assert.deepEqual([after.body.status, after.body.responseStatus], ['refused', 'sent']);
});

test('housekeeping queues one pull per service-provider account, and not a second while one is pending', async () => {
  const db = env.t.db.database.db;
  const other = await env.t.newAccount();
  const pending = () =>
    db
      .selectFrom('jobs')
      .select(['id', 'run_at'])
      .where('account_id', '=', env.accountId)
      .where('kind', '=', INBOX_PULL_JOB)
      .where('state', '=', 'pending')
      .execute();
  assert.equal((await pending()).length, 0);
  await schedulePeppolInboxPulls(db, 60);
  await schedulePeppolInboxPulls(db, 60);
  const jobs = await pending();
  assert.equal(jobs.length, 1);
  assert.ok(
    new Date(
      String(jobs[0]!.run_at)
        .replace(' ', 'T')
        .replace(/([+-]\d{2})$/, '$1:00'),
    ) > new Date(),
  );
  const otherJobs = await db
    .selectFrom('jobs')
    .select('id')
    .where('account_id', '=', other.accountId)
    .where('kind', '=', INBOX_PULL_JOB)
    .execute();
  assert.equal(otherJobs.length, 0, 'an account without a service provider is not pulled');
  // Not due for a minute: cleared, so that the other tests' pulls are not folded into it.
  await db.deleteFrom('jobs').where('id', '=', jobs[0]!.id).execute();
});

test('an Invoice Response the provider answers 503 to is sent again by the outbox', async () => {
  const id = sp.queueInbound({ xml: supplierInvoice('INV-SP-4', pdfBytes('4')), sender: SUPPLIER, receiver: BUYER });
  await pull();
  const doc = (await inbox()).data.find((d: any) => d.transmissionId === id);
  const before = sp.responses.length;
  sp.failNext(1, 503);
  assert.equal((await env.call('POST', `/v1/inbox/${doc.id}/accept`)).status, 200);
  await env.settle();
  assert.equal(sp.responses.length, before + 1);
  assert.equal(sp.responses.at(-1)!.transmissionId, id);
  const job = await env.t.db.database.db
    .selectFrom('jobs')
    .select('attempts')
    .where('account_id', '=', env.accountId)
    .where('kind', '=', 'peppol.inbox.respond')
    .where('dedupe_key', '=', `respond:${doc.id}`)
    .executeTakeFirstOrThrow();
  assert.equal(job.attempts, 2);
  assert.equal((await env.call('GET', `/v1/inbox/${doc.id}`)).body.responseStatus, 'sent');
});

test('without an access point the decision is kept and its Invoice Response is unsupported', async () => {
  const other = await env.t.newAccount();
  const pushed = await env.t.app.inject({
    method: 'POST',
    url: '/v1/peppol/inbound',
    headers: {
      authorization: `Bearer ${other.apiKey}`,
      'content-type': 'application/xml',
      'peppol-transmission-id': 'bare-1',
    },
    payload: supplierInvoice('INV-SP-5', pdfBytes('5')),
  });
  assert.equal(pushed.statusCode, 201, pushed.body);
  const doc = JSON.parse(pushed.body);
  assert.deepEqual([doc.transmissionId, doc.sender, doc.receiver], ['bare-1', SUPPLIER, BUYER]);
  const r = await env.call('POST', `/v1/inbox/${doc.id}/refuse`, { reason: 'Not ours' }, other.apiKey);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  await env.settle();
  const after = await env.call('GET', `/v1/inbox/${doc.id}`, undefined, other.apiKey);
  assert.deepEqual([after.body.status, after.body.responseStatus], ['refused', 'unsupported']);
});
