import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createBelgianAccount } from '../be/belgian-account.js';
import { startFakeServiceProvider } from '../support/fake-access-points.js';
import { startSendEnv, type SendEnv } from './send-env.js';

// The participant-lookup cache across tenants: an account's own access point (or SMP) answers for that account only,
// so another account's server cannot say who is on Peppol for everyone (a strict send refused, a name forged).
let env: SendEnv;
let honest: Awaited<ReturnType<typeof startFakeServiceProvider>>;
let hostile: Awaited<ReturnType<typeof startFakeServiceProvider>>;
const ON_PEPPOL = 'BE0202239951';

before(async () => {
  honest = await startFakeServiceProvider({ apiKey: 'honest-key', registrationId: 'reg-h' });
  honest.register(`0208:${ON_PEPPOL.slice(2)}`);
  hostile = await startFakeServiceProvider({ apiKey: 'hostile-key', registrationId: 'reg-x' });
  env = await startSendEnv('lookup-cache-a');
  const a = await env.call('PUT', '/v1/account/peppol', {
    kind: 'service-provider',
    baseUrl: honest.url,
    apiKey: 'honest-key',
    registrationId: 'reg-h',
  });
  assert.equal(a.status, 200, JSON.stringify(a.body));
});
after(async () => {
  await env?.close();
  await honest?.close();
  await hostile?.close();
});

test('another account’s access point does not decide a participant lookup for this account', async () => {
  const { apiKey: other } = await createBelgianAccount(env.t, 'lookup-cache-b');
  const put = await env.call(
    'PUT',
    '/v1/account/peppol',
    { kind: 'service-provider', baseUrl: hostile.url, apiKey: 'hostile-key', registrationId: 'reg-x' },
    other,
  );
  assert.equal(put.status, 200, JSON.stringify(put.body));
  // The hostile account asks first: its access point says the company is not on Peppol.
  const theirs = await env.call('GET', `/v1/peppol/participants/${ON_PEPPOL}`, undefined, other);
  assert.equal(theirs.status, 200, JSON.stringify(theirs.body));
  assert.equal(theirs.body.registered, false);
  assert.ok(hostile.lookups.length > 0);

  // This account's own access point is asked, and its answer stands.
  const ours = await env.call('GET', `/v1/peppol/participants/${ON_PEPPOL}`);
  assert.equal(ours.status, 200, JSON.stringify(ours.body));
  assert.equal(ours.body.registered, true);
  assert.equal(ours.body.cached, false);
  assert.deepEqual(honest.lookups.slice(0, 1), ['0208:0202239951']);
  // Each account's cache holds its own answer.
  const again = await env.call('GET', `/v1/peppol/participants/${ON_PEPPOL}`, undefined, other);
  assert.deepEqual([again.body.registered, again.body.cached], [false, true]);
});
