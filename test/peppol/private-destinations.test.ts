import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BIS3_INVOICE } from '../../src/domain/einvoice/peppol-ids.js';
import { loadConfig } from '../../src/config.js';
import { createPeppolDeps } from '../../src/integrations/peppol/runtime.js';
import { startFakeGateway, startFakeServiceProvider, startFakeSmp } from '../support/fake-access-points.js';
import { readShared, skipUnlessShared } from '../support/shared.js';

/**
 * SSRF: an account names its access point's and SMP's URLs, so with private networks refused (the webhook URL
 * policy, WEBHOOK_ALLOW_PRIVATE_NETWORKS=0, the production default) no call may reach a loopback address, the
 * fakes' own. No database.
 */
const EXAMPLES = ['specs', 'eu', 'examples-be'];
const SELLER = { scheme: '0208', value: '0412345614' };
const BUYER = { scheme: '0208', value: '0765432146' };
const closed = () => createPeppolDeps(loadConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: '0' }), 'pglite');
const open = () => createPeppolDeps(loadConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: '1' }), 'pglite');

test('an SMP on a loopback address is never asked when private networks are refused', async () => {
  const smp = await startFakeSmp();
  try {
    smp.register(BUYER);
    await assert.rejects(closed().smp(smp.url).lookup(BUYER), /private or loopback/);
    await assert.rejects(closed().smp(smp.url.replace('127.0.0.1', 'localhost')).lookup(BUYER), /private or loopback/);
    assert.deepEqual(smp.requests, []);
    // The same SMP allowed by the policy answers: the refusal is the policy's, not a broken client.
    assert.equal((await open().smp(smp.url).lookup(BUYER)).registered, true);
    // The installation's own SMP (PEPPOL_SMP_URL, the administrator's) is asked wherever it is.
    const installation = createPeppolDeps(
      loadConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: '0', PEPPOL_SMP_URL: smp.url }),
      'pglite',
    );
    assert.equal((await installation.smp(smp.url).lookup(BUYER)).registered, true);
  } finally {
    await smp.close();
  }
});

test(
  'an access point on a loopback address gets no request (send, lookup) when private networks are refused',
  {
    ...skipUnlessShared(...EXAMPLES, 'be-invoice-valid.xml'),
  },
  async () => {
    const sp = await startFakeServiceProvider({ apiKey: 'sp-key', registrationId: 'reg-1' });
    const gw = await startFakeGateway({ token: 'gw-token' });
    try {
      sp.register(BUYER);
      gw.register(BUYER);
      const doc = {
        xml: readShared(...EXAMPLES, 'be-invoice-valid.xml'),
        sender: SELLER,
        receiver: BUYER,
        documentType: BIS3_INVOICE,
        instanceId: randomUUID(),
        createdAt: new Date(),
      };
      const spClient = closed().accessPoint({
        kind: 'service-provider',
        baseUrl: sp.url,
        apiKey: 'sp-key',
        registrationId: 'reg-1',
      });
      const sent = await spClient.send(doc);
      assert.equal(sent.outcome, 'retryable');
      assert.match((sent as { reason: string }).reason, /private or loopback/);
      await assert.rejects(spClient.lookup!(BUYER), /private or loopback/);
      assert.equal(sp.received.length, 0);
      assert.deepEqual(sp.lookups, []);

      const gwSent = await closed().accessPoint({ kind: 'gateway', url: gw.url, token: 'gw-token' }).send(doc);
      assert.equal(gwSent.outcome, 'retryable');
      assert.equal(gw.received.length, 0);
      // Allowed by the policy, the same gateway takes it.
      const ok = await open().accessPoint({ kind: 'gateway', url: gw.url, token: 'gw-token' }).send(doc);
      assert.equal(ok.outcome, 'accepted');
      assert.equal(gw.received.length, 1);
    } finally {
      await sp.close();
      await gw.close();
    }
  },
);
