import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createBelgianAccount } from '../be/belgian-account.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { readShared } from '../support/shared.js';
import {
  startFakeGateway,
  startFakeServiceProvider,
  startFakeSmp,
  type FakeAccessPoint,
  type FakeSmp,
} from '../support/fake-access-points.js';
import { BIS3_BILLING_TYPES } from '../../src/domain/einvoice/peppol-ids.js';
import { enqueueJob } from '../../src/app/jobs/enqueue-job.js';
import { INBOX_PULL_JOB } from '../../src/app/purchases/pull-peppol-inbox.js';

const SECRET_KEY = '7a1e2d3c4b5a69788796a5b4c3d2e1f000112233445566778899aabbccddee01';
// Enterprise numbers with a valid mod-97 check: the seller (test/be/belgian-account.ts) and two customers.
const SELLER_KBO = '0412345614';
const ON_PEPPOL = '0563846944';
const NOT_ON_PEPPOL = '0765432146';

interface Res {
  status: number;
  body: any;
  raw: string;
}

describe('Billit dialect: Peppol', () => {
  let t: TestApp;
  let smp: FakeSmp;
  let sp: FakeAccessPoint;
  let seller: { apiKey: string; accountId: number };
  let baseUrl: string;
  /** Where the service provider posts its status webhooks (the server listens: the fake calls it over HTTP). */
  let statusCallback: string;

  /** A Billit call: `ApiKey` header unless `headers` is given (participantInformation goes out with none). */
  async function billit(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Res> {
    const res = await t.app.inject({
      method: method as 'GET',
      url: `/billit/v1${path}`,
      payload: body === undefined ? undefined : JSON.stringify(body),
      headers: {
        ...(headers ?? { ApiKey: seller.apiKey }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    });
    let parsed: unknown = res.body;
    try {
      parsed = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body: parsed, raw: res.body };
  }

  const order = (kbo: string, number: string) => ({
    OrderType: 'Invoice',
    OrderDirection: 'Income',
    OrderNumber: number,
    OrderDate: '2026-12-01',
    ExpiryDate: '2026-12-31',
    Customer: {
      Name: `Customer ${kbo}`,
      VATNumber: `BE${kbo}`,
      PartyType: 'Customer',
      Email: `ap@${kbo}.example`,
      Addresses: [
        {
          AddressType: 'InvoiceAddress',
          Street: `Straat ${kbo}`,
          StreetNumber: '1',
          Zipcode: '9000',
          City: 'Gent',
          CountryCode: 'BE',
        },
      ],
    },
    OrderLines: [
      { Quantity: 1, UnitPriceExcl: 10.0, Description: 'Box of cookies', VATPercentage: 6 },
      { Quantity: 2, UnitPriceExcl: 3.75, Description: 'Sticks', VATPercentage: 21 },
    ],
  });

  /** Runs due outbox jobs until none of these kinds is left (the fakes answer at once: no waiting). */
  async function settle(kinds: string[]): Promise<void> {
    for (let i = 0; i < 100; i++) {
      await t.worker.drain();
      const pending = await t.db.database.db
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', kinds)
        .where('state', 'in', ['pending', 'running'])
        .executeTakeFirst();
      if (!pending) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`jobs still pending: ${kinds.join(', ')}`);
  }

  before(async () => {
    smp = await startFakeSmp();
    // The service provider publishes the registrations it takes into the SMP the installation asks.
    sp = await startFakeServiceProvider({ smp });
    t = await startTestApp({ secretKey: SECRET_KEY, peppolSmpUrl: smp.url });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    seller = await createBelgianAccount(t, 'billit-peppol');
    const set = await t.call(
      'PUT',
      '/v1/account/peppol',
      { kind: 'service-provider', baseUrl: sp.url, apiKey: sp.apiKey, registrationId: sp.registrationId },
      { key: seller.apiKey },
    );
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.match(set.body.statusCallbackUrl, /^http:\/\/localhost\//, 'the first save gives the status callback');
    statusCallback = set.body.statusCallbackUrl.replace('http://localhost', baseUrl);
  });

  after(async () => {
    await t?.close();
    await sp?.close();
    await smp?.close();
  });

  describe('GET /v1/peppol/participantInformation/{VATorCBE}', () => {
    it('answers without any header, from the configured SMP, in each of the three forms', async () => {
      smp.register(`9925:BE${ON_PEPPOL}`, BIS3_BILLING_TYPES);
      smp.register(`0208:${ON_PEPPOL}`, BIS3_BILLING_TYPES);

      const vat = await billit('GET', `/peppol/participantInformation/BE${ON_PEPPOL}`, undefined, {});
      assert.equal(vat.status, 200, vat.raw);
      assert.equal(vat.body.Registered, true);
      assert.equal(vat.body.Identifier, `9925:BE${ON_PEPPOL}`);
      assert.deepEqual(vat.body.DocumentTypes, ['BISv3Invoice', 'BISv3CreditNote']);
      assert.equal(vat.body.ServiceDetails.length, 2);
      assert.equal(vat.body.ServiceDetails[0].DocumentTypeID, BIS3_BILLING_TYPES[0].documentTypeId);

      const cbe = await billit('GET', `/peppol/participantInformation/${ON_PEPPOL}`, undefined, {});
      assert.equal(cbe.status, 200, cbe.raw);
      assert.equal(cbe.body.Identifier, `0208:${ON_PEPPOL}`);
      assert.equal(cbe.body.Registered, true);

      const schemed = await billit('GET', `/peppol/participantInformation/0208:${ON_PEPPOL}`, undefined, {});
      assert.equal(schemed.body.Identifier, `0208:${ON_PEPPOL}`);
      assert.equal(schemed.body.Registered, true);
      assert.ok(smp.lookups.includes(`9925:BE${ON_PEPPOL}`) && smp.lookups.includes(`0208:${ON_PEPPOL}`));
    });

    it('answers 200 with Registered false for a party not on Peppol (and through the /v1/v1 base too)', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/billit/v1/v1/peppol/participantInformation/BE${NOT_ON_PEPPOL}`,
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = JSON.parse(res.body);
      assert.deepEqual(body, {
        Registered: false,
        Identifier: `9925:BE${NOT_ON_PEPPOL}`,
        DocumentTypes: [],
        ServiceDetails: [],
      });
      assert.ok(smp.lookups.includes(`9925:BE${NOT_ON_PEPPOL}`), 'the SMP was asked');
    });

    it('refuses what is no participant id with Billit’s 400', async () => {
      const res = await billit('GET', '/peppol/participantInformation/BE0123456789', undefined, {});
      assert.equal(res.status, 400, res.raw);
      assert.equal(res.body.errors[0].Code, 'GenericError');
    });
  });

  describe('sending an order over Peppol', () => {
    it('POST /v1/orders/commands/send TransportType Peppol reaches the access point and ends Delivered', async () => {
      sp.register(`0208:${ON_PEPPOL}`, BIS3_BILLING_TYPES);
      const created = await billit('POST', '/orders', order(ON_PEPPOL, 'PP-001'));
      assert.equal(created.status, 200, created.raw);
      const orderId = created.body;
      assert.equal(typeof orderId, 'number');

      const sent = await billit('POST', '/orders/commands/send', { Transporttype: 'Peppol', OrderIDs: [orderId] });
      assert.equal(sent.status, 200, sent.raw);
      assert.equal(sent.raw, '');
      const pending = await billit('GET', `/orders/${orderId}`);
      assert.equal(pending.body.CurrentDocumentDeliveryDetails.DocumentDeliveryStatus, 'Pending');
      assert.equal(pending.body.CurrentDocumentDeliveryDetails.IsDocumentDelivered, false);

      await settle(['peppol.send']);
      const got = sp.received.filter((r) => r.receiver === `0208:${ON_PEPPOL}`);
      assert.equal(got.length, 1, 'the access point received the invoice once');
      assert.match(got[0].ubl, /<cbc:ID>[^<]+<\/cbc:ID>/);
      const delivered = await sp.deliver(got[0].transmissionId, statusCallback);
      assert.ok(delivered && delivered.status < 300, `status webhook answered ${delivered?.status} ${delivered?.body}`);

      const view = await billit('GET', `/orders/${orderId}`);
      assert.equal(view.status, 200, view.raw);
      const d = view.body.CurrentDocumentDeliveryDetails;
      assert.equal(d.DocumentDeliveryStatus, 'Delivered');
      assert.equal(d.IsDocumentDelivered, true);
      assert.match(d.DocumentDeliveryDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      const peppol = view.body.Messages.filter((m: { TransportType: string }) => m.TransportType === 'Peppol');
      assert.equal(peppol.length, 1);
      assert.equal(peppol[0].Success, true);
      assert.equal(peppol[0].Destination, `0208:${ON_PEPPOL}`);
      assert.equal(peppol[0].MessageDirection, 'Outgoing');
    });

    it('a queued send is Pending with no DocumentDeliveryDate; a refusal by the access point is Error with its reason', async () => {
      const customer = '0441709195';
      sp.register(`0208:${customer}`, BIS3_BILLING_TYPES);
      const created = await billit('POST', '/orders', order(customer, 'PP-REF'));
      assert.equal(created.status, 200, created.raw);
      sp.refuseNext('Receiver mailbox closed for this document type');
      const sent = await billit('POST', '/orders/commands/send', { TransportType: 'Peppol', OrderIDs: [created.body] });
      assert.equal(sent.status, 200, sent.raw);
      const queued = (await billit('GET', `/orders/${created.body}`)).body.CurrentDocumentDeliveryDetails;
      assert.deepEqual(
        [queued.DocumentDeliveryStatus, queued.IsDocumentDelivered, queued.DocumentDeliveryDate],
        ['Pending', false, null],
      );

      await settle(['peppol.send']);
      const view = await billit('GET', `/orders/${created.body}`);
      assert.equal(view.status, 200, view.raw);
      const d = view.body.CurrentDocumentDeliveryDetails;
      assert.deepEqual(
        [d.DocumentDeliveryStatus, d.IsDocumentDelivered, d.DocumentDeliveryDate],
        ['Error', false, null],
        JSON.stringify(d),
      );
      assert.match(d.DocumentDeliveryInfo, /Receiver mailbox closed for this document type/);
      const [m] = view.body.Messages;
      assert.deepEqual([m.TransportType, m.Success], ['Peppol', false]);
      assert.match(m.Description, /Receiver mailbox closed/);
    });

    it('refuses a strict send to a customer not on Peppol with TheCustomerIsNotActiveOnPeppol', async () => {
      const created = await billit('POST', '/orders', order(NOT_ON_PEPPOL, 'PP-002'));
      assert.equal(created.status, 200, created.raw);
      const before = sp.received.length;
      const res = await billit(
        'POST',
        '/orders/commands/send',
        { TransportType: 'Peppol', OrderIds: [created.body] },
        { ApiKey: seller.apiKey, StrictTransportType: 'true' },
      );
      assert.equal(res.status, 400, res.raw);
      assert.equal(res.body.errors[0].Code, 'TheCustomerIsNotActiveOnPeppol');
      await settle(['peppol.send', 'email.send']);
      assert.equal(sp.received.length, before, 'nothing went to the access point');
    });
  });

  describe('POST /v1/peppol/sendOrder', () => {
    const documents = async () =>
      Number(
        (
          await t.db.database.db
            .selectFrom('documents')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('account_id', '=', seller.accountId)
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('creates the order and sends it over Peppol, answering its OrderID', async () => {
      const customer = '0202239951';
      sp.register(`0208:${customer}`, BIS3_BILLING_TYPES);
      const res = await billit('POST', '/peppol/sendOrder', {
        TransportType: 'Peppol',
        Order: order(customer, 'SO-1'),
      });
      assert.equal(res.status, 200, res.raw);
      assert.equal(typeof res.body, 'number');
      await settle(['peppol.send']);
      const got = sp.received.filter((r) => r.receiver === `0208:${customer}`);
      assert.equal(got.length, 1);
      const view = await billit('GET', `/orders/${res.body}`);
      assert.equal(view.body.CurrentDocumentDeliveryDetails.DocumentDeliveryStatus, 'Pending');
      assert.equal(view.body.CurrentDocumentDeliveryDetails.IsDocumentDelivered, false);
      assert.equal(view.body.Messages[0].TransportType, 'Peppol');

      const delivered = await sp.deliver(got[0].transmissionId, statusCallback);
      assert.ok(delivered && delivered.status < 300, `status webhook answered ${delivered?.status} ${delivered?.body}`);
      const after = await billit('GET', `/orders/${res.body}`);
      assert.equal(after.body.CurrentDocumentDeliveryDetails.DocumentDeliveryStatus, 'Delivered');
      assert.equal(after.body.CurrentDocumentDeliveryDetails.IsDocumentDelivered, true);
      assert.equal(after.body.Messages[0].Destination, `0208:${customer}`);
    });

    it('creates nothing for a customer not on Peppol', async () => {
      const before = await documents();
      const res = await billit('POST', '/peppol/sendOrder', order(NOT_ON_PEPPOL, 'SO-2'));
      assert.equal(res.status, 400, res.raw);
      assert.equal(res.body.errors[0].Code, 'TheCustomerIsNotActiveOnPeppol');
      assert.equal(await documents(), before);
    });
  });

  describe('POST|DELETE /v1/peppol/participants', () => {
    it('registers the company at its access point under 0208 and 9925, which participantInformation then shows', async () => {
      const unknown = await billit('GET', `/peppol/participantInformation/${SELLER_KBO}`, undefined, {});
      assert.equal(unknown.body.Registered, false, 'not yet on Peppol (and the answer is cached)');

      const mine = await billit('POST', '/peppol/participants', { CompanyID: `BE${SELLER_KBO}` });
      assert.equal(mine.status, 200, mine.raw);
      assert.equal(mine.body.Registered, true);
      assert.equal(mine.body.Identifier, `0208:${SELLER_KBO}`);
      assert.deepEqual(mine.body.DocumentTypes, ['BISv3Invoice', 'BISv3CreditNote']);
      assert.deepEqual(
        sp.registrations.map((r) => [r.action, r.participant]),
        [
          ['register', `0208:${SELLER_KBO}`],
          ['register', `9925:BE${SELLER_KBO}`],
        ],
      );
      // The cached "not registered" was dropped: the SMP the access point published into is asked again.
      for (const form of [SELLER_KBO, `BE${SELLER_KBO}`]) {
        const info = await billit('GET', `/peppol/participantInformation/${form}`, undefined, {});
        assert.equal(info.body.Registered, true, `${form}: ${info.raw}`);
      }

      const other = await billit('POST', '/peppol/participants', { CompanyID: ON_PEPPOL });
      assert.equal(other.status, 400, other.raw);
      assert.equal(other.body.errors[0].Code, 'InvalidCompanyID');

      const del = await billit('DELETE', '/peppol/participants', { CompanyID: SELLER_KBO });
      assert.equal(del.status, 200, del.raw);
      assert.equal(del.raw, 'true');
      assert.deepEqual(
        sp.registrations.filter((r) => r.action === 'unregister').map((r) => r.participant),
        [`0208:${SELLER_KBO}`, `9925:BE${SELLER_KBO}`],
      );
      const gone = await billit('GET', `/peppol/participantInformation/${SELLER_KBO}`, undefined, {});
      assert.equal(gone.body.Registered, false, gone.raw);
    });

    it('refuses an issue key, without an access point, and through a gateway (registration is done at its SMP)', async () => {
      const asked = sp.registrations.length;
      const issue = await t.call('POST', '/v1/api-keys', { name: 'erp', scope: 'issue' }, { key: seller.apiKey });
      assert.equal(issue.status, 201, JSON.stringify(issue.body));
      for (const method of ['POST', 'DELETE']) {
        const r = await billit(method, '/peppol/participants', { CompanyID: SELLER_KBO }, { ApiKey: issue.body.key });
        assert.equal(r.status, 403, `${method} ${r.raw}`);
      }
      assert.equal(sp.registrations.length, asked, 'nothing reached the access point');

      const bare = await createBelgianAccount(t, 'billit-peppol-bare');
      const none = await billit('POST', '/peppol/participants', undefined, { ApiKey: bare.apiKey });
      assert.equal(none.status, 400, none.raw);
      assert.equal(none.body.errors[0].Code, 'PeppolAccessPointNotConfigured');

      const gw = await startFakeGateway();
      try {
        const viaGateway = await createBelgianAccount(t, 'billit-peppol-gateway');
        const set = await t.call(
          'PUT',
          '/v1/account/peppol',
          { kind: 'gateway', url: gw.url },
          { key: viaGateway.apiKey },
        );
        assert.equal(set.status, 200, JSON.stringify(set.body));
        for (const method of ['POST', 'DELETE']) {
          const r = await billit(
            method,
            '/peppol/participants',
            { CompanyID: SELLER_KBO },
            { ApiKey: viaGateway.apiKey },
          );
          assert.equal(r.status, 400, `${method} ${r.raw}`);
          assert.equal(r.body.errors[0].Code, 'PeppolRegistrationAtGatewaySmp');
          assert.match(r.body.errors[0].Description, /gateway's SMP/);
        }
      } finally {
        await gw.close();
      }
    });
  });

  describe('GET /v1/peppol/inbox, confirm and refuse', () => {
    /** A Belgian supplier's invoice to the seller: the shared valid example with buyer and seller swapped. */
    const inbound = (number: string) =>
      readShared('specs', 'eu', 'examples-be', 'be-invoice-valid.xml')
        .replaceAll(SELLER_KBO, 'SWAP')
        .replaceAll(NOT_ON_PEPPOL, SELLER_KBO)
        .replaceAll('SWAP', NOT_ON_PEPPOL)
        .replace('<cbc:ID>INV-2026-0001</cbc:ID>', `<cbc:ID>${number}</cbc:ID>`);

    async function pull(): Promise<void> {
      await t.db.database.db
        .transaction()
        .execute((tx) => enqueueJob(tx, { accountId: seller.accountId, kind: INBOX_PULL_JOB, payload: {} }));
      await settle([INBOX_PULL_JOB]);
    }

    it('lists what the access point received, and sends the Invoice Response of each decision', async () => {
      const sender = `0208:${NOT_ON_PEPPOL}`;
      const receiver = `0208:${SELLER_KBO}`;
      sp.queueInbound({ xml: inbound('SUP-1'), sender, receiver });
      sp.queueInbound({ xml: inbound('SUP-2'), sender, receiver });
      await pull();

      const list = await billit('GET', '/peppol/inbox');
      assert.equal(list.status, 200, list.raw);
      const items = list.body.InboxItems;
      assert.equal(items.length, 2);
      assert.ok(items[0].InboxItemID < items[1].InboxItemID, 'oldest first');
      for (const item of items) {
        assert.equal(item.SenderPeppolID, sender);
        assert.equal(item.ReceiverPeppolID, receiver);
        assert.equal(item.ReceiverCompanyID, `BE${SELLER_KBO}`);
        assert.equal(item.PeppolDocumentType, BIS3_BILLING_TYPES[0].documentTypeId);
        assert.match(item.CreationDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
        assert.match(item.PeppolFileID, /^[0-9a-f-]{36}$/);
      }
      const file = await billit('GET', `/files/${items[0].PeppolFileID}`);
      assert.equal(file.status, 200, file.raw);
      assert.match(Buffer.from(file.body.FileContent, 'base64').toString('utf8'), /<cbc:ID>SUP-1<\/cbc:ID>/);
      const again = await billit('GET', '/peppol/inbox');
      assert.equal(again.body.InboxItems[0].PeppolFileID, items[0].PeppolFileID, 'the same FileID each time');

      const confirm = await billit('POST', `/peppol/inbox/${items[0].InboxItemID}/confirm`);
      assert.equal(confirm.status, 200, confirm.raw);
      const refuse = await billit('POST', `/peppol/inbox/${items[1].InboxItemID}/refuse`, {
        refusalreason: 'Wrong purchase order',
      });
      assert.equal(refuse.status, 200, refuse.raw);
      await settle(['peppol.inbox.respond']);

      const statuses = sp.responses.map((r) => `${r.status}:${r.reason ?? ''}`).sort();
      assert.deepEqual(statuses, ['AP:', 'RE:Wrong purchase order']);
      const after = await billit('GET', '/peppol/inbox');
      assert.deepEqual(after.body.InboxItems, [], 'decided documents leave the inbox');

      const twice = await billit('POST', `/peppol/inbox/${items[0].InboxItemID}/refuse`);
      assert.equal(twice.status, 409, twice.raw);
      const other = await createBelgianAccount(t, 'billit-peppol-other');
      const foreign = await billit('POST', `/peppol/inbox/${items[1].InboxItemID}/confirm`, undefined, {
        ApiKey: other.apiKey,
      });
      assert.equal(foreign.status, 404, foreign.raw);
    });
  });
});
