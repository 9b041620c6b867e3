import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createBelgianAccount } from '../be/belgian-account.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  startFakeServiceProvider,
  startFakeSmp,
  type FakeAccessPoint,
  type FakeSmp,
} from '../support/fake-access-points.js';
import { BIS3_BILLING_TYPES } from '../../src/domain/einvoice/peppol-ids.js';

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
    sp = await startFakeServiceProvider();
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
      assert.equal(view.body.Messages[0].TransportType, 'Peppol');
    });

    it('creates nothing for a customer not on Peppol', async () => {
      const before = await documents();
      const res = await billit('POST', '/peppol/sendOrder', order(NOT_ON_PEPPOL, 'SO-2'));
      assert.equal(res.status, 400, res.raw);
      assert.equal(res.body.errors[0].Code, 'TheCustomerIsNotActiveOnPeppol');
      assert.equal(await documents(), before);
    });
  });
});
