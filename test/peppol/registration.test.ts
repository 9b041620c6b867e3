import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBelgianAccount } from '../be/belgian-account.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  startFakeGateway,
  startFakeServiceProvider,
  startFakeSmp,
  type FakeAccessPoint,
  type FakeSmp,
} from '../support/fake-access-points.js';
import { BIS3_BILLING_TYPES, BIS3_INVOICE } from '../../src/domain/einvoice/peppol-ids.js';

const SECRET_KEY = '5c1e2d3c4b5a69788796a5b4c3d2e1f000112233445566778899aabbccddee02';
// The seller of test/be/belgian-account.ts, and another company's valid enterprise number.
const KBO = '0412345614';
const OTHER = '0563846944';

// Registering the account on Peppol through its access point (native API): POST|DELETE /v1/account/peppol/registration.
describe('native API: the account’s Peppol registration', () => {
  let t: TestApp;
  let smp: FakeSmp;
  let sp: FakeAccessPoint;
  let gw: FakeAccessPoint;
  let key: string;

  before(async () => {
    smp = await startFakeSmp();
    sp = await startFakeServiceProvider({ smp });
    gw = await startFakeGateway();
    t = await startTestApp({ secretKey: SECRET_KEY, peppolSmpUrl: smp.url });
    ({ apiKey: key } = await createBelgianAccount(t, 'peppol-registration'));
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
    await gw?.close();
    await smp?.close();
  });

  const call = (method: string, url: string, body?: unknown, k = key) => t.call(method, url, body, { key: k });
  const cacheRows = async (id: string) =>
    (await t.db.database.db.selectFrom('peppol_participants').select('participant').execute())
      .map((r) => r.participant)
      .filter((p) => p.startsWith(id));

  it('registers the company under 0208 and 9925 at its access point, records it and forgets cached lookups', async () => {
    // A lookup before: the access point does not know the company yet, and the answer is cached.
    const before = await call('GET', `/v1/peppol/participants/0208:${KBO}`);
    assert.equal(before.body.registered, false, JSON.stringify(before.body));
    assert.equal((await call('GET', `/v1/peppol/participants/0208:${KBO}`)).body.cached, true);
    assert.ok((await cacheRows(`0208:${KBO}`)).length > 0);

    const reg = await call('POST', '/v1/account/peppol/registration', {});
    assert.equal(reg.status, 200, JSON.stringify(reg.body));
    assert.deepEqual(
      reg.body.data.map((r: any) => r.participantId),
      [`0208:${KBO}`, `9925:BE${KBO}`],
    );
    assert.deepEqual(
      reg.body.data[0].documentTypes,
      BIS3_BILLING_TYPES.map((d) => ({ ...d })),
    );
    assert.deepEqual(
      sp.registrations.map((r) => [r.action, r.participant, r.documentTypes.length]),
      [
        ['register', `0208:${KBO}`, 2],
        ['register', `9925:BE${KBO}`, 2],
      ],
    );
    assert.deepEqual(await cacheRows(`0208:${KBO}`), [], 'the cached "not registered" is gone');

    const after = await call('GET', `/v1/peppol/participants/0208:${KBO}`);
    assert.deepEqual([after.body.registered, after.body.cached], [true, false]);
    const settings = await call('GET', '/v1/account/peppol');
    assert.deepEqual(
      settings.body.registrations.map((r: any) => r.participantId),
      [`0208:${KBO}`, `9925:BE${KBO}`],
    );
    assert.match(settings.body.registrations[0].registeredAt, /^\d{4}-\d{2}-\d{2}T/);
  });

  it('registers only the ids and document types asked, and refuses another company’s number', async () => {
    const one = await call('POST', '/v1/account/peppol/registration', {
      participantIds: [`BE${KBO}`],
      documentTypes: [BIS3_INVOICE],
    });
    assert.equal(one.status, 200, JSON.stringify(one.body));
    const vat = one.body.data.find((r: any) => r.participantId === `9925:BE${KBO}`);
    assert.deepEqual(
      vat.documentTypes.map((d: any) => d.documentTypeId),
      [BIS3_INVOICE.documentTypeId],
    );

    const n = sp.registrations.length;
    const foreign = await call('POST', '/v1/account/peppol/registration', { participantIds: [OTHER] });
    assert.equal(foreign.status, 422, JSON.stringify(foreign.body));
    assert.equal(foreign.body.error.details[0].field, 'participantIds');
    const bad = await call('POST', '/v1/account/peppol/registration', { participantIds: ['0208:0412345615'] });
    assert.equal(bad.status, 422, JSON.stringify(bad.body));
    assert.equal(bad.body.error.details[0].field, 'participantIds[0]');
    assert.equal(sp.registrations.length, n, 'nothing reached the access point');
  });

  it('answers 409 when the access point refuses or cannot be reached, and records nothing', async () => {
    const { apiKey: other } = await createBelgianAccount(t, 'peppol-registration-refused', {
      taxId: OTHER,
    });
    const set = await call(
      'PUT',
      '/v1/account/peppol',
      { kind: 'service-provider', baseUrl: sp.url, apiKey: sp.apiKey, registrationId: sp.registrationId },
      other,
    );
    assert.equal(set.status, 200, JSON.stringify(set.body));
    sp.refuseNext('Identity check pending');
    const refused = await call('POST', '/v1/account/peppol/registration', {}, other);
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.match(refused.body.error.message, /refused to register 0208:0563846944: .*Identity check pending/);
    sp.failNext(1, 503);
    const down = await call('POST', '/v1/account/peppol/registration', {}, other);
    assert.equal(down.status, 409, JSON.stringify(down.body));
    assert.match(down.body.error.message, /could not register .*try again later/);
    assert.deepEqual((await call('GET', '/v1/account/peppol', undefined, other)).body.registrations, []);
  });

  it('unregisters what the account registered, at the access point and in its SMP', async () => {
    const del = await call('DELETE', '/v1/account/peppol/registration');
    assert.equal(del.status, 200, JSON.stringify(del.body));
    assert.deepEqual(del.body.data, []);
    assert.deepEqual(
      sp.registrations.filter((r) => r.action === 'unregister').map((r) => r.participant),
      [`0208:${KBO}`, `9925:BE${KBO}`],
    );
    assert.deepEqual((await call('GET', '/v1/account/peppol')).body.registrations, []);
    const lookup = await call('GET', `/v1/peppol/participants/0208:${KBO}`);
    assert.deepEqual([lookup.body.registered, lookup.body.cached], [false, false]);
    // Nothing left to remove: the access point says so, and the answer is a 409, not a 5xx.
    const again = await call('DELETE', `/v1/account/peppol/registration?participantIds=${KBO}`);
    assert.equal(again.status, 409, JSON.stringify(again.body));
  });

  it('a gateway has no registration API: 409 saying registration is done at its SMP', async () => {
    const { apiKey: gwKey } = await createBelgianAccount(t, 'peppol-registration-gw');
    const set = await call('PUT', '/v1/account/peppol', { kind: 'gateway', url: gw.url }, gwKey);
    assert.equal(set.status, 200, JSON.stringify(set.body));
    for (const method of ['POST', 'DELETE']) {
      const r = await call(method, '/v1/account/peppol/registration', undefined, gwKey);
      assert.equal(r.status, 409, `${method} ${JSON.stringify(r.body)}`);
      assert.match(r.body.error.message, /gateway's SMP/);
    }
  });

  it('without an access point: 409', async () => {
    const { apiKey: bare } = await createBelgianAccount(t, 'peppol-registration-bare');
    const r = await call('POST', '/v1/account/peppol/registration', {}, bare);
    assert.equal(r.status, 409, JSON.stringify(r.body));
  });
});
